import Engine
import SQLite

extension SQLStore {
    func idempotencyRecord(keyID: String, idempotencyKey: String) throws -> IdempotencyRecord? {
        try connection.queryOne(
            "SELECT fingerprint, status, body, created_at FROM idempotency_records WHERE key_id = ? AND idempotency_key = ?",
            [.text(keyID), .text(idempotencyKey)]
        ).map { row in
            IdempotencyRecord(
                keyID: keyID, idempotencyKey: idempotencyKey, fingerprint: try row.requiredString("fingerprint"),
                status: row.int("status") ?? 200, body: row.blob("body") ?? [], createdAt: try row.timestamp("created_at"))
        }
    }

    func save(_ record: IdempotencyRecord) throws {
        try connection.run(
            """
            INSERT INTO idempotency_records (key_id, idempotency_key, fingerprint, status, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [.text(record.keyID), .text(record.idempotencyKey), .text(record.fingerprint), .integer(Int64(record.status)),
             .blob(record.body), SQLiteValue(record.createdAt)])
    }
}

import Engine
import SQLite

extension SQLStore {
    func lotsMaturing(from: Timestamp, through: Timestamp, limit: Int) throws -> [Lot] {
        // Walks the partial index ledger_lots_maturing (spelled as it is) over the range; the
        // recorded ones are skipped by their primary key.
        try connection.query(
            """
            SELECT \(Self.lotColumns) FROM ledger_lots
            WHERE available_at > earned_at AND available_at >= ? AND available_at <= ?
              AND NOT EXISTS (SELECT 1 FROM ledger_maturities WHERE lot_id = ledger_lots.id)
            ORDER BY available_at, id LIMIT ?
            """, [SQLiteValue(from), SQLiteValue(through), .integer(Int64(limit))]
        ).map(Self.lot)
    }

    func maturityCount(holder: LedgerHolder) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM ledger_maturities WHERE holder = ?", [.text(holder.description)])?.int("n") ?? 0
    }

    func recordMaturity(of lot: Lot, recordedAt: Timestamp) throws {
        try connection.run(
            """
            INSERT INTO ledger_maturities (lot_id, holder, currency, amount, available_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (lot_id) DO NOTHING
            """,
            [.integer(lot.id), .text(lot.holder.description), .text(lot.currency), .integer(lot.remaining),
             SQLiteValue(lot.availableAt), SQLiteValue(recordedAt)])
    }

    func deleteIdempotencyRecords(createdBefore before: Timestamp, limit: Int) throws -> Int {
        try connection.run(
            """
            DELETE FROM idempotency_records WHERE (key_id, idempotency_key) IN (
                SELECT key_id, idempotency_key FROM idempotency_records WHERE created_at < ? ORDER BY created_at LIMIT ?)
            """, [SQLiteValue(before), .integer(Int64(limit))])
        return connection.changes
    }
}

import Engine
import SQLite

extension SQLStore {
    private static let keyColumns =
        "id, name, role, organization_id, secret_sha256, rate_per_second, rate_burst, created_at, created_by, revoked_at"

    func apiKey(id: String) throws -> APIKey? {
        try connection.queryOne("SELECT \(Self.keyColumns) FROM api_keys WHERE id = ?", [.text(id)]).map(Self.key)
    }

    func apiKeys(page: PageRequest) throws -> Page<APIKey> {
        let rows = try connection.query(
            "SELECT \(Self.keyColumns) FROM api_keys WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.key), limit: page.limit, key: \.id)
    }

    func activeKeyCount(role: KeyRole) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM api_keys WHERE role = ? AND revoked_at IS NULL", [.text(role.rawValue)])?.int("n") ?? 0
    }

    func activeKeyCount(organizationID: String) throws -> Int {
        try connection.queryOne(
            "SELECT count(*) AS n FROM api_keys WHERE organization_id = ? AND revoked_at IS NULL", [.text(organizationID)]
        )?.int("n") ?? 0
    }

    func insert(_ key: APIKey) throws {
        try connection.run(
            """
            INSERT INTO api_keys (id, name, role, organization_id, secret_sha256, rate_per_second, rate_burst, created_at, created_by, revoked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(key.id), .text(key.name), .text(key.role.rawValue), SQLiteValue(key.organizationID), .blob(key.secretHash),
             SQLiteValue(key.rateLimit?.perSecond), SQLiteValue(key.rateLimit?.burst), SQLiteValue(key.createdAt),
             SQLiteValue(key.createdBy), SQLiteValue(key.revokedAt)])
    }

    func revokeKey(id: String, at: Timestamp) throws {
        try connection.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [SQLiteValue(at), .text(id)])
    }

    private static func key(_ row: SQLiteRow) throws -> APIKey {
        guard let role = KeyRole(rawValue: try row.requiredString("role")), let hash = row.blob("secret_sha256") else {
            throw StorageError.corrupt("api key row")
        }
        var rateLimit: RateLimit?
        if let perSecond = row.int("rate_per_second") {
            rateLimit = RateLimit(perSecond: perSecond, burst: row.int("rate_burst") ?? perSecond)
        }
        return APIKey(
            id: try row.requiredString("id"), name: try row.requiredString("name"), role: role,
            organizationID: row.string("organization_id"), secretHash: hash, rateLimit: rateLimit,
            createdAt: try row.timestamp("created_at"), createdBy: row.string("created_by"), revokedAt: row.optionalTimestamp("revoked_at"))
    }
}

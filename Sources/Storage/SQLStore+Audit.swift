import Engine
import SQLite

extension SQLStore {
    func auditEntries(_ filter: AuditFilter, page: PageRequest) throws -> Page<AuditEntry> {
        var conditions: [String] = []
        var arguments: [SQLiteValue] = []
        if let kind = filter.entityKind { conditions.append("entity_kind = ?"); arguments.append(.text(kind)) }
        if let id = filter.entityID { conditions.append("entity_id = ?"); arguments.append(.text(id)) }
        if let keyID = filter.keyID { conditions.append("key_id = ?"); arguments.append(.text(keyID)) }
        if let action = filter.action { conditions.append("action = ?"); arguments.append(.text(action)) }
        if let after = page.after {
            guard let sequence = Int64(after) else { return Page(items: [], nextAfter: nil) }
            conditions.append("sequence < ?")
            arguments.append(.integer(sequence))
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try connection.query(
            """
            SELECT sequence, at, key_id, action, entity_kind, entity_id, before, after, request_id
            FROM audit_log \(whereClause) ORDER BY sequence DESC LIMIT ?
            """, arguments)
        let entries = try rows.map { row in
            AuditEntry(
                sequence: row.int64("sequence"), at: try row.timestamp("at"), keyID: row.string("key_id"),
                action: try row.requiredString("action"), entityKind: try row.requiredString("entity_kind"),
                entityID: try row.requiredString("entity_id"), before: try row.json("before"), after: try row.json("after"),
                requestID: row.string("request_id"))
        }
        return Page(fetched: entries, limit: page.limit) { String($0.sequence ?? 0) }
    }

    func append(_ entry: AuditEntry) throws {
        try connection.run(
            """
            INSERT INTO audit_log (at, key_id, action, entity_kind, entity_id, before, after, request_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [SQLiteValue(entry.at), SQLiteValue(entry.keyID), .text(entry.action), .text(entry.entityKind), .text(entry.entityID),
             SQLiteValue(json: entry.before), SQLiteValue(json: entry.after), SQLiteValue(entry.requestID)])
    }
}

import Engine
import SQLite

extension SQLStore {
    func currentRule(id: String) throws -> RuleVersion? {
        try connection.queryOne(
            """
            SELECT v.rule_id, v.version, v.document, v.created_at, v.created_by
            FROM rules r JOIN rule_versions v ON v.rule_id = r.id AND v.version = r.version
            WHERE r.id = ? AND r.deleted_at IS NULL
            """, [.text(id)]
        ).map(Self.ruleVersion)
    }

    func currentRules(page: PageRequest) throws -> Page<RuleVersion> {
        let rows = try connection.query(
            """
            SELECT v.rule_id, v.version, v.document, v.created_at, v.created_by
            FROM rules r JOIN rule_versions v ON v.rule_id = r.id AND v.version = r.version
            WHERE r.deleted_at IS NULL AND r.id > ? ORDER BY r.id LIMIT ?
            """, [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.ruleVersion), limit: page.limit, key: \.ruleID)
    }

    func ruleVersions(id: String, page: PageRequest) throws -> Page<RuleVersion> {
        let before = page.after.flatMap(Int64.init) ?? Int64.max
        let rows = try connection.query(
            """
            SELECT rule_id, version, document, created_at, created_by FROM rule_versions
            WHERE rule_id = ? AND version < ? ORDER BY version DESC LIMIT ?
            """, [.text(id), .integer(before), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.ruleVersion), limit: page.limit) { String($0.version) }
    }

    func latestRuleVersion(id: String) throws -> Int {
        try connection.queryOne("SELECT max(version) AS latest FROM rule_versions WHERE rule_id = ?", [.text(id)])?.int("latest") ?? 0
    }

    /// Asked on every event (`RuleBook`): the rules' generation (migration 0013).
    func rulesStamp() throws -> RulesStamp {
        RulesStamp(generation: try configurationGeneration("rules"))
    }

    func saveRuleVersion(_ version: RuleVersion) throws {
        try connection.run(
            "INSERT INTO rule_versions (rule_id, version, document, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
            [.text(version.ruleID), .integer(Int64(version.version)), SQLiteValue(json: version.document),
             SQLiteValue(version.createdAt), SQLiteValue(version.createdBy)])
        try connection.run(
            """
            INSERT INTO rules (id, version, updated_at, deleted_at) VALUES (?, ?, ?, NULL)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at, deleted_at = NULL
            """, [.text(version.ruleID), .integer(Int64(version.version)), SQLiteValue(version.createdAt)])
    }

    func deleteRule(id: String, at: Timestamp) throws {
        try connection.run("UPDATE rules SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                           [SQLiteValue(at), SQLiteValue(at), .text(id)])
    }

    private static func ruleVersion(_ row: SQLiteRow) throws -> RuleVersion {
        guard let document = try row.json("document") else { throw StorageError.corrupt("rule document missing") }
        return RuleVersion(
            ruleID: try row.requiredString("rule_id"), version: row.int("version") ?? 0, document: document,
            createdAt: try row.timestamp("created_at"), createdBy: row.string("created_by"))
    }
}

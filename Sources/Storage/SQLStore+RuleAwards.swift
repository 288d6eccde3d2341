import Engine
import SQLite

extension SQLStore: RuleAwardWriter {
    func ruleFires(ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, from: Timestamp, until: Timestamp) throws -> Int {
        let (condition, arguments) = Self.scope(scope, subjectID)
        // A fire is in `rule_awards` (one row per award effect) or in `rule_fires`, never both.
        let window = [.text(ruleID), SQLiteValue(from), SQLiteValue(until)] + arguments
        return try connection.queryOne(
            """
            SELECT count(*) AS fires FROM (
                SELECT r.event_id FROM rule_awards r WHERE r.rule_id = ? AND r.at >= ? AND r.at < ? \(condition)
                UNION
                SELECT r.event_id FROM rule_fires r WHERE r.rule_id = ? AND r.at >= ? AND r.at < ? \(condition)
            ) f JOIN events e ON e.id = f.event_id WHERE e.reversed_at IS NULL
            """, window + window
        )?.int("fires") ?? 0
    }

    func ruleAwarded(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, currency: String, from: Timestamp, until: Timestamp
    ) throws -> Int64 {
        let (condition, arguments) = Self.scope(scope, subjectID)
        return try connection.queryOne(
            """
            SELECT coalesce(sum(r.amount), 0) AS awarded FROM rule_awards r JOIN events e ON e.id = r.event_id
            WHERE r.rule_id = ? AND r.at >= ? AND r.at < ? AND r.currency = ? \(condition) AND e.reversed_at IS NULL
            """, [.text(ruleID), SQLiteValue(from), SQLiteValue(until), .text(currency)] + arguments
        )?.int64("awarded") ?? 0
    }

    func record(_ award: RuleAwardRecord) throws {
        try connection.run(
            """
            INSERT INTO rule_awards (rule_id, at, event_id, effect_index, rule_version, member_id, organization_id, currency, amount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(award.ruleID), SQLiteValue(award.at), .text(award.eventID), .integer(Int64(award.effectIndex)),
             .integer(Int64(award.ruleVersion)), SQLiteValue(award.memberID), SQLiteValue(award.organizationID),
             .text(award.currency), .integer(award.amount)])
    }

    func record(_ fire: RuleFireRecord) throws {
        try connection.run(
            "INSERT INTO rule_fires (rule_id, at, event_id, rule_version, member_id, organization_id) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(fire.ruleID), SQLiteValue(fire.at), .text(fire.eventID), .integer(Int64(fire.ruleVersion)),
             SQLiteValue(fire.memberID), SQLiteValue(fire.organizationID)])
    }

    /// The extra condition for a member or organization limit; none for a program-wide one.
    private static func scope(_ scope: RuleLimit.Scope, _ subjectID: String?) -> (String, [SQLiteValue]) {
        switch scope {
        case .program: ("", [])
        case .member: ("AND r.member_id = ?", [SQLiteValue(subjectID)])
        case .organization: ("AND r.organization_id = ?", [SQLiteValue(subjectID)])
        }
    }
}

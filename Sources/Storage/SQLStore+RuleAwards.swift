import Engine
import SQLite

extension SQLStore: RuleAwardWriter {
    func ruleFires(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, from: Timestamp, until: Timestamp, includingUnindexed: Bool
    ) throws -> Int {
        let (condition, arguments) = Self.scope(scope, subjectID)
        let awards = Self.awards(scope, includingUnindexed)
        // A fire is in `rule_awards` (one row per award effect) or in `rule_fires`, never both.
        let window = [.text(ruleID), SQLiteValue(from), SQLiteValue(until)] + arguments
        return try connection.queryOne(
            """
            SELECT count(*) AS fires FROM (
                SELECT r.event_id FROM \(awards.table) WHERE r.rule_id = ? AND r.at >= ? AND r.at < ? \(condition) \(awards.condition)
                UNION
                SELECT r.event_id FROM rule_fires r WHERE r.rule_id = ? AND r.at >= ? AND r.at < ? \(condition)
            ) f JOIN events e ON e.id = f.event_id WHERE e.reversed_at IS NULL
            """, window + window
        )?.int("fires") ?? 0
    }

    func ruleAwarded(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, currency: String, from: Timestamp, until: Timestamp,
        includingUnindexed: Bool
    ) throws -> Int64 {
        let (condition, arguments) = Self.scope(scope, subjectID)
        let awards = Self.awards(scope, includingUnindexed)
        return try connection.queryOne(
            """
            SELECT coalesce(sum(r.amount), 0) AS awarded FROM \(awards.table) JOIN events e ON e.id = r.event_id
            WHERE r.rule_id = ? AND r.at >= ? AND r.at < ? AND r.currency = ? \(condition) \(awards.condition)
                AND e.reversed_at IS NULL
            """, [.text(ruleID), SQLiteValue(from), SQLiteValue(until), .text(currency)] + arguments
        )?.int64("awarded") ?? 0
    }

    func record(_ award: RuleAwardRecord) throws {
        try connection.run(
            """
            INSERT INTO rule_awards (rule_id, at, event_id, effect_index, rule_version, member_id, organization_id, currency, amount, by_subject)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(award.ruleID), SQLiteValue(award.at), .text(award.eventID), .integer(Int64(award.effectIndex)),
             .integer(Int64(award.ruleVersion)), SQLiteValue(award.memberID), SQLiteValue(award.organizationID),
             .text(award.currency), .integer(award.amount), .integer(award.bySubject ? 1 : 0)])
    }

    func indexRuleAwardsBySubject(ruleID: String, from: Timestamp?) throws {
        try connection.run(
            "UPDATE rule_awards SET by_subject = 1 WHERE rule_id = ?1 AND (?2 IS NULL OR at >= ?2) AND by_subject = 0",
            [.text(ruleID), SQLiteValue(from)])
    }

    func record(_ fire: RuleFireRecord) throws {
        try connection.run(
            "INSERT INTO rule_fires (rule_id, at, event_id, rule_version, member_id, organization_id) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(fire.ruleID), SQLiteValue(fire.at), .text(fire.eventID), .integer(Int64(fire.ruleVersion)),
             SQLiteValue(fire.memberID), SQLiteValue(fire.organizationID)])
    }

    /// How a limit reads `rule_awards` (as `r`). Per member or organization: through the subject's
    /// partial index (migration 0035), named, because without statistics SQLite prefers the primary
    /// key's (rule, time) range, which reads every subject's awards in the window; unless every
    /// award is asked for, indexed or not (a simulation), which only that range can give.
    private static func awards(_ scope: RuleLimit.Scope, _ includingUnindexed: Bool) -> (table: String, condition: String) {
        switch (scope, includingUnindexed) {
        case (.program, _), (_, true): ("rule_awards AS r", "")
        case (.member, false): ("rule_awards AS r INDEXED BY rule_awards_by_member", "AND r.by_subject = 1")
        case (.organization, false): ("rule_awards AS r INDEXED BY rule_awards_by_organization", "AND r.by_subject = 1")
        }
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

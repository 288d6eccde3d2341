import Engine
import SQLite

/// Analytics aggregates: admin reads over the whole history, one query each. They scan what the
/// range covers (postings have no index by time: one more index would be written by every award).
extension SQLStore {
    func activeCounts(from: Timestamp, until: Timestamp) throws -> (members: Int, organizations: Int) {
        let row = try connection.queryOne(
            """
            SELECT count(DISTINCT e.member_id) AS members,
                   count(DISTINCT coalesce(e.organization_id, m.organization_id)) AS organizations
            FROM events e LEFT JOIN members m ON m.id = e.member_id
            WHERE e.occurred_at >= ? AND e.occurred_at < ? AND e.reversed_at IS NULL
            """, [SQLiteValue(from), SQLiteValue(until)])
        return (row?.int("members") ?? 0, row?.int("organizations") ?? 0)
    }

    func activeRecordCounts() throws -> (members: Int, organizations: Int) {
        let row = try connection.queryOne(
            """
            SELECT (SELECT count(*) FROM members WHERE status = 'active') AS members,
                   (SELECT count(*) FROM organizations WHERE status = 'active') AS organizations
            """, [])
        return (row?.int("members") ?? 0, row?.int("organizations") ?? 0)
    }

    func pointFlows(from: Timestamp, until: Timestamp) throws -> [String: PointFlows] {
        let rows = try connection.query(
            """
            SELECT currency,
                   sum(CASE WHEN kind IN ('earn', 'adjust') AND debit = 'program:issued' THEN amount
                            WHEN kind = 'reverse' AND credit = 'program:issued' THEN -amount ELSE 0 END) AS issued,
                   sum(CASE WHEN credit = 'program:redeemed' THEN amount ELSE 0 END) AS redeemed,
                   sum(CASE WHEN kind = 'expire' THEN amount ELSE 0 END) AS expired
            FROM ledger_postings WHERE at >= ? AND at < ? GROUP BY currency ORDER BY currency
            """, [SQLiteValue(from), SQLiteValue(until)])
        var flows: [String: PointFlows] = [:]
        for row in rows {
            flows[try row.requiredString("currency")] = PointFlows(
                issued: row.int64("issued") ?? 0, redeemed: row.int64("redeemed") ?? 0, expired: row.int64("expired") ?? 0)
        }
        return flows
    }

    func tierLevels() throws -> [(ladderID: String, levelID: String, holders: Int)] {
        try connection.query(
            """
            SELECT ladder_id, level_id, count(*) AS holders FROM tier_states WHERE holder GLOB 'member:*'
            GROUP BY ladder_id, level_id ORDER BY ladder_id, level_id
            """, []
        ).map { (try $0.requiredString("ladder_id"), try $0.requiredString("level_id"), $0.int("holders") ?? 0) }
    }

    func tierMovements(from: Timestamp, until: Timestamp) throws -> [(ladderID: String, levelID: String, changes: Int)] {
        try connection.query(
            """
            SELECT json_extract(detail, '$.ladder_id') AS ladder_id, json_extract(detail, '$.to') AS level_id, count(*) AS changes
            FROM feed_items WHERE kind = 'tier' AND at >= ? AND at < ? GROUP BY 1, 2 ORDER BY 1, 2
            """, [SQLiteValue(from), SQLiteValue(until)]
        ).map { (try $0.requiredString("ladder_id"), try $0.requiredString("level_id"), $0.int("changes") ?? 0) }
    }

    func badgesAwarded(from: Timestamp, until: Timestamp) throws -> [(badgeID: String, count: Int)] {
        try connection.query(
            """
            SELECT badge_id, count(*) AS n FROM member_badges WHERE earned_at >= ? AND earned_at < ? AND revoked_at IS NULL
            GROUP BY badge_id ORDER BY n DESC, badge_id
            """, [SQLiteValue(from), SQLiteValue(until)]
        ).map { (try $0.requiredString("badge_id"), $0.int("n") ?? 0) }
    }

    func questFunnels(from: Timestamp, until: Timestamp) throws -> [QuestFunnel] {
        var funnels: [String: QuestFunnel] = [:]
        for row in try connection.query(
            """
            SELECT quest_id, count(*) AS enrolled, count(completed_at) AS completed FROM quest_enrollments
            WHERE enrolled_at >= ? AND enrolled_at < ? GROUP BY quest_id
            """, [SQLiteValue(from), SQLiteValue(until)]) {
            let id = try row.requiredString("quest_id")
            funnels[id] = QuestFunnel(questID: id, enrolled: row.int("enrolled") ?? 0, steps: [:], completed: row.int("completed") ?? 0)
        }
        for row in try connection.query(
            """
            SELECT e.quest_id, s.key AS step_id, count(*) AS done FROM quest_enrollments e, json_each(e.steps) s
            WHERE e.enrolled_at >= ? AND e.enrolled_at < ? AND json_extract(s.value, '$.completed_at') IS NOT NULL
            GROUP BY e.quest_id, s.key
            """, [SQLiteValue(from), SQLiteValue(until)]) {
            funnels[try row.requiredString("quest_id")]?.steps[try row.requiredString("step_id")] = row.int("done") ?? 0
        }
        return funnels.values.sorted { $0.questID < $1.questID }
    }

    func goalAttainment(from: Timestamp, until: Timestamp) throws -> [(goalID: String, levelID: String, subjects: Int)] {
        try connection.query(
            """
            SELECT goal_id, level_id, count(*) AS n FROM goal_achievements WHERE reached_at >= ? AND reached_at < ?
            GROUP BY goal_id, level_id ORDER BY goal_id, level_id
            """, [SQLiteValue(from), SQLiteValue(until)]
        ).map { (try $0.requiredString("goal_id"), try $0.requiredString("level_id"), $0.int("n") ?? 0) }
    }

    func topRules(from: Timestamp, until: Timestamp, limit: Int) throws -> [(ruleID: String, currency: String, amount: Int64)] {
        try connection.query(
            """
            SELECT rule_id, currency, sum(CASE WHEN kind = 'reverse' THEN -amount ELSE amount END) AS amount FROM ledger_postings
            WHERE rule_id IS NOT NULL AND at >= ? AND at < ? AND kind IN ('earn', 'reverse')
            GROUP BY rule_id, currency ORDER BY amount DESC, rule_id LIMIT ?
            """, [SQLiteValue(from), SQLiteValue(until), .integer(Int64(limit))]
        ).map { (try $0.requiredString("rule_id"), try $0.requiredString("currency"), $0.int64("amount") ?? 0) }
    }

    func timeseries(_ metric: Timeseries.Metric, currency: String?, from: Timestamp, until: Timestamp) throws -> [(slot: Int64, value: Int64)] {
        let (time, table, value, condition): (String, String, String, String) = switch metric {
        case .events: ("occurred_at", "events", "count(*)", "reversed_at IS NULL")
        case .pointsIssued:
            ("at", "ledger_postings",
             "sum(CASE WHEN kind = 'reverse' THEN -amount ELSE amount END)",
             "currency = ?3 AND ((kind IN ('earn', 'adjust') AND debit = 'program:issued') OR (kind = 'reverse' AND credit = 'program:issued'))")
        case .pointsRedeemed: ("at", "ledger_postings", "sum(amount)", "currency = ?3 AND credit = 'program:redeemed'")
        case .redemptions: ("created_at", "redemptions", "count(*)", "status <> 'cancelled'")
        case .badgesAwarded: ("earned_at", "member_badges", "count(*)", "revoked_at IS NULL")
        // Completions of deleted quests (retired enrollments, migration 0038) stay in the history.
        case .questCompletions:
            ("completed_at",
             "(SELECT completed_at FROM quest_enrollments UNION ALL SELECT completed_at FROM quest_enrollments_retired)",
             "count(*)", "completed_at IS NOT NULL")
        case .interactions: ("completed_at", "interactions", "count(*)", "status <> 'voided'")
        case .feedback: ("recorded_at", "feedback", "count(*)", "1")
        }
        return try connection.query(
            """
            SELECT \(time) / \(Timeseries.slotMilliseconds) AS slot, \(value) AS value FROM \(table)
            WHERE \(time) >= ?1 AND \(time) < ?2 AND (\(condition)) GROUP BY slot ORDER BY slot
            """, [SQLiteValue(from), SQLiteValue(until)] + (metric.needsCurrency ? [SQLiteValue(currency)] : [])
        ).map { ($0.int64("slot") ?? 0, $0.int64("value") ?? 0) }
    }

    func questLiftRows(questID: String, eventType: String, property: String?, days: Int64, until: Timestamp) throws -> [QuestLift.Row] {
        let window = days * 86_400_000
        // The metric of one member's events in [from, to): a count, or the sum of a property.
        let metric = property == nil ? "count(*)" : "CAST(coalesce(sum(json_extract(v.properties, '$.' || ?5)), 0) AS INTEGER)"
        let rows = try connection.query(
            """
            SELECT e.member_id, e.completed_at IS NOT NULL AS completed,
                   (SELECT \(metric) FROM events v WHERE v.member_id = e.member_id AND v.type = ?2 AND v.reversed_at IS NULL
                        AND v.occurred_at >= coalesce(e.completed_at, e.enrolled_at) - ?3 AND v.occurred_at < coalesce(e.completed_at, e.enrolled_at)) AS before,
                   (SELECT \(metric) FROM events v WHERE v.member_id = e.member_id AND v.type = ?2 AND v.reversed_at IS NULL
                        AND v.occurred_at >= coalesce(e.completed_at, e.enrolled_at) AND v.occurred_at < coalesce(e.completed_at, e.enrolled_at) + ?3) AS after
            FROM quest_enrollments e
            WHERE e.quest_id = ?1 AND coalesce(e.completed_at, e.enrolled_at) + ?3 <= ?4
            ORDER BY e.member_id
            """, [.text(questID), .text(eventType), .integer(window), SQLiteValue(until)] + (property.map { [SQLiteValue.text($0)] } ?? []))
        return try rows.map { row in
            QuestLift.Row(
                memberID: try row.requiredString("member_id"), completed: row.int64("completed") == 1, before: row.int64("before") ?? 0,
                after: row.int64("after") ?? 0)
        }
    }
}

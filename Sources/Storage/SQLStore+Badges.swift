import Engine
import SQLite

extension SQLStore {
    private static let badgeColumns =
        "id, name, description, repeatable, valid_until, criterion_event_type, criterion_count, criterion_period, created_at, updated_at"
    private static let memberBadgeColumns = "member_id, badge_id, event_id, earned_at, rule_id, rule_version, revoked_at"

    func badge(id: String) throws -> Badge? {
        try connection.queryOne("SELECT \(Self.badgeColumns) FROM badges WHERE id = ?", [.text(id)]).map(Self.badge)
    }

    func badges(page: PageRequest) throws -> Page<Badge> {
        let rows = try connection.query(
            "SELECT \(Self.badgeColumns) FROM badges WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.badge), limit: page.limit, key: \.id)
    }

    func badges(criterionEventType eventType: String) throws -> [Badge] {
        try connection.query(
            "SELECT \(Self.badgeColumns) FROM badges WHERE criterion_event_type = ? ORDER BY id", [.text(eventType)]
        ).map(Self.badge)
    }

    func holdsBadge(memberID: String, badgeID: String) throws -> Bool {
        try connection.queryOne(
            "SELECT 1 AS held FROM member_badges WHERE member_id = ? AND badge_id = ? AND revoked_at IS NULL LIMIT 1",
            [.text(memberID), .text(badgeID)]) != nil
    }

    func membersHoldingBadge(organizationID: String, badgeID: String) throws -> Int {
        // Walks the organization's members (members_by_organization) and asks each by primary key.
        try connection.queryOne(
            """
            SELECT count(*) AS n FROM members m WHERE m.organization_id = ? AND EXISTS (
                SELECT 1 FROM member_badges b WHERE b.member_id = m.id AND b.badge_id = ? AND b.revoked_at IS NULL)
            """, [.text(organizationID), .text(badgeID)])?.int("n") ?? 0
    }

    func memberBadges(memberID: String, includeRevoked: Bool, limit: Int) throws -> [MemberBadge] {
        let revoked = includeRevoked ? "" : " AND revoked_at IS NULL"
        return try connection.query(
            """
            SELECT \(Self.memberBadgeColumns) FROM member_badges WHERE member_id = ?\(revoked)
            ORDER BY earned_at DESC, badge_id, event_id LIMIT ?
            """,
            [.text(memberID), .integer(Int64(limit))]
        ).map(Self.memberBadge)
    }

    func save(_ badge: Badge) throws {
        let criterion = badge.criterion
        try connection.run(
            """
            INSERT INTO badges (\(Self.badgeColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                repeatable = excluded.repeatable, valid_until = excluded.valid_until,
                criterion_event_type = excluded.criterion_event_type, criterion_count = excluded.criterion_count,
                criterion_period = excluded.criterion_period, updated_at = excluded.updated_at
            """,
            [.text(badge.id), .text(badge.name), SQLiteValue(badge.description), SQLiteValue(badge.repeatable),
             SQLiteValue(badge.validUntil), SQLiteValue(criterion?.eventType), SQLiteValue(criterion.map { Int64($0.count) }),
             SQLiteValue(criterion?.period.rawValue), SQLiteValue(badge.createdAt), SQLiteValue(badge.updatedAt)])
    }

    func deleteBadge(id: String) throws {
        try connection.run("DELETE FROM badges WHERE id = ?", [.text(id)])
    }

    func insert(_ memberBadge: MemberBadge) throws {
        try connection.run(
            "INSERT INTO member_badges (\(Self.memberBadgeColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(memberBadge.memberID), .text(memberBadge.badgeID), .text(memberBadge.eventID), SQLiteValue(memberBadge.earnedAt),
             SQLiteValue(memberBadge.ruleID), SQLiteValue(memberBadge.ruleVersion), SQLiteValue(memberBadge.revokedAt)])
    }

    func revokeBadges(eventID: String, at: Timestamp) throws -> [MemberBadge] {
        let held = try connection.query(
            "SELECT \(Self.memberBadgeColumns) FROM member_badges WHERE event_id = ? AND revoked_at IS NULL ORDER BY member_id, badge_id",
            [.text(eventID)]
        ).map(Self.memberBadge)
        try connection.run(
            "UPDATE member_badges SET revoked_at = ? WHERE event_id = ? AND revoked_at IS NULL", [SQLiteValue(at), .text(eventID)])
        return held.map { var revoked = $0; revoked.revokedAt = at; return revoked }
    }

    func revokeBadges(memberID: String, badgeID: String, eventID: String?, at: Timestamp) throws -> [MemberBadge] {
        let held = try connection.query(
            """
            SELECT \(Self.memberBadgeColumns) FROM member_badges
            WHERE member_id = ? AND badge_id = ? AND revoked_at IS NULL AND (?3 IS NULL OR event_id = ?3)
            ORDER BY earned_at, event_id
            """, [.text(memberID), .text(badgeID), SQLiteValue(eventID)]
        ).map(Self.memberBadge)
        try connection.run(
            """
            UPDATE member_badges SET revoked_at = ?4
            WHERE member_id = ?1 AND badge_id = ?2 AND revoked_at IS NULL AND (?3 IS NULL OR event_id = ?3)
            """, [.text(memberID), .text(badgeID), SQLiteValue(eventID), SQLiteValue(at)])
        return held.map { var revoked = $0; revoked.revokedAt = at; return revoked }
    }

    private static func badge(_ row: SQLiteRow) throws -> Badge {
        var criterion: BadgeCriterion?
        if let eventType = row.string("criterion_event_type") {
            guard let count = row.int("criterion_count"), let period = row.string("criterion_period").flatMap(CounterPeriod.init(rawValue:))
            else { throw StorageError.corrupt("badge criterion of \(eventType)") }
            criterion = BadgeCriterion(eventType: eventType, count: count, period: period)
        }
        return Badge(
            id: try row.requiredString("id"), name: try row.requiredString("name"), description: row.string("description"),
            repeatable: row.bool("repeatable") ?? false, validUntil: row.optionalTimestamp("valid_until"), criterion: criterion,
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }

    private static func memberBadge(_ row: SQLiteRow) throws -> MemberBadge {
        MemberBadge(
            memberID: try row.requiredString("member_id"), badgeID: try row.requiredString("badge_id"),
            eventID: try row.requiredString("event_id"), earnedAt: try row.timestamp("earned_at"), ruleID: row.string("rule_id"),
            ruleVersion: row.int("rule_version"), revokedAt: row.optionalTimestamp("revoked_at"))
    }
}

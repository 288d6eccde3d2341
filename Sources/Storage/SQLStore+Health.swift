import Engine
import SQLite

extension SQLStore {
    private static let feedbackColumns =
        "id, kind, organization_id, member_id, role, score, interaction_id, comment, recorded_at, fingerprint"

    func feedback(id: String) throws -> Feedback? {
        try connection.queryOne("SELECT \(Self.feedbackColumns) FROM feedback WHERE id = ?", [.text(id)]).map(Self.feedback)
    }

    func feedback(organizationID: String, from: Timestamp) throws -> [Feedback] {
        try connection.query(
            "SELECT \(Self.feedbackColumns) FROM feedback WHERE organization_id = ? AND recorded_at >= ? ORDER BY recorded_at, id",
            [.text(organizationID), SQLiteValue(from)]
        ).map(Self.feedback)
    }

    func feedback(organizationID: String?, page: PageRequest) throws -> Page<Feedback> {
        let after = TimeCursor(page.after)
        let rows = try connection.query(
            """
            SELECT \(Self.feedbackColumns) FROM feedback
            WHERE (?1 IS NULL OR organization_id = ?1) AND (?2 IS NULL OR recorded_at < ?2 OR (recorded_at = ?2 AND id < ?3))
            ORDER BY recorded_at DESC, id DESC LIMIT ?4
            """, [SQLiteValue(organizationID), SQLiteValue(after?.at), SQLiteValue(after?.id), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.feedback), limit: page.limit) { TimeCursor.after($0.recordedAt, $0.id) }
    }

    func insert(_ feedback: Feedback) throws {
        try connection.run(
            "INSERT INTO feedback (\(Self.feedbackColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(feedback.id), .text(feedback.kind.rawValue), .text(feedback.organizationID), SQLiteValue(feedback.memberID),
             .text(feedback.role.rawValue), .integer(feedback.score), SQLiteValue(feedback.interactionID), SQLiteValue(feedback.comment),
             SQLiteValue(feedback.recordedAt), .text(feedback.fingerprint)])
    }

    func activeMembers(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int {
        try connection.queryOne(
            """
            SELECT count(DISTINCT e.member_id) AS n FROM members m JOIN events e ON e.member_id = m.id
            WHERE m.organization_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.reversed_at IS NULL
            """, [.text(organizationID), SQLiteValue(from), SQLiteValue(until)]
        )?.int("n") ?? 0
    }

    func eventCount(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int {
        try connection.queryOne(
            """
            SELECT count(*) AS n FROM events
            WHERE (organization_id = ?1 OR member_id IN (SELECT id FROM members WHERE organization_id = ?1))
                AND occurred_at >= ?2 AND occurred_at < ?3 AND reversed_at IS NULL
            """, [.text(organizationID), SQLiteValue(from), SQLiteValue(until)]
        )?.int("n") ?? 0
    }

    func redemptionCount(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int {
        try connection.queryOne(
            """
            SELECT count(*) AS n FROM members m JOIN redemptions r ON r.member_id = m.id
            WHERE m.organization_id = ? AND r.created_at >= ? AND r.created_at < ? AND r.status <> 'cancelled'
            """, [.text(organizationID), SQLiteValue(from), SQLiteValue(until)]
        )?.int("n") ?? 0
    }

    private static func feedback(_ row: SQLiteRow) throws -> Feedback {
        guard let kind = row.string("kind").flatMap(Feedback.Kind.init(rawValue:)),
              let role = row.string("role").flatMap(Feedback.Role.init(rawValue:)), let score = row.int64("score")
        else { throw StorageError.corrupt("feedback without kind, role or score") }
        return Feedback(
            id: try row.requiredString("id"), kind: kind, organizationID: try row.requiredString("organization_id"),
            memberID: row.string("member_id"), role: role, score: score, interactionID: row.string("interaction_id"),
            comment: row.string("comment"), recordedAt: try row.timestamp("recorded_at"), fingerprint: try row.requiredString("fingerprint"))
    }
}

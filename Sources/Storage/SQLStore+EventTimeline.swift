import Engine
import SQLite

// Walks `events_by_time` (occurred_at, id) forwards. The row mapping repeats the one in
// SQLStore+Events.swift on purpose: that file belongs to the ingestion path and stays untouched.
extension SQLStore: EventTimelineReader {
    func eventsOldestFirst(_ filter: EventFilter, page: PageRequest) throws -> Page<Event> {
        var (conditions, arguments) = Self.timelineConditions(filter)
        if let after = page.after {
            guard let (occurredAt, id) = PageRequest.eventPosition(after) else { return Page(items: [], nextAfter: nil) }
            conditions.append("(occurred_at, id) > (?, ?)")
            arguments.append(contentsOf: [SQLiteValue(occurredAt), .text(id)])
        }
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try connection.query(
            """
            SELECT id, type, member_id, organization_id, occurred_at, received_at, properties, fingerprint, reversed_at
            FROM events \(Self.whereClause(conditions)) ORDER BY occurred_at, id LIMIT ?
            """, arguments)
        return Page(fetched: try rows.map(Self.timelineEvent), limit: page.limit, key: PageRequest.eventCursor)
    }

    func eventCount(_ filter: EventFilter, countMax: Int) throws -> Int {
        var (conditions, arguments) = Self.timelineConditions(filter)
        arguments.append(.integer(Int64(countMax) + 1))
        return try connection.queryOne(
            "SELECT count(*) AS n FROM (SELECT 1 FROM events \(Self.whereClause(conditions)) LIMIT ?)", arguments)?.int("n") ?? 0
    }

    private static func timelineConditions(_ filter: EventFilter) -> ([String], [SQLiteValue]) {
        var conditions: [String] = []
        var arguments: [SQLiteValue] = []
        if let memberID = filter.memberID { conditions.append("member_id = ?"); arguments.append(.text(memberID)) }
        if let organizationID = filter.organizationID { conditions.append("organization_id = ?"); arguments.append(.text(organizationID)) }
        if let type = filter.type { conditions.append("type = ?"); arguments.append(.text(type)) }
        if let from = filter.from { conditions.append("occurred_at >= ?"); arguments.append(SQLiteValue(from)) }
        if let until = filter.until { conditions.append("occurred_at < ?"); arguments.append(SQLiteValue(until)) }
        return (conditions, arguments)
    }

    private static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    private static func timelineEvent(_ row: SQLiteRow) throws -> Event {
        Event(
            id: try row.requiredString("id"), type: try row.requiredString("type"), memberID: row.string("member_id"),
            organizationID: row.string("organization_id"), occurredAt: try row.timestamp("occurred_at"),
            receivedAt: try row.timestamp("received_at"), properties: try row.jsonObject("properties"),
            fingerprint: try row.requiredString("fingerprint"), reversedAt: row.optionalTimestamp("reversed_at"))
    }
}

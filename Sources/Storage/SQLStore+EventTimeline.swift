import Engine
import SQLite

// Walks `events_by_time` (occurred_at, id) forwards; filters and rows as in SQLStore+Events.swift.
extension SQLStore: EventTimelineReader {
    func eventsOldestFirst(_ filter: EventFilter, page: PageRequest) throws -> Page<Event> {
        var (conditions, arguments) = Self.conditions(filter)
        if let after = page.after {
            guard let (occurredAt, id) = PageRequest.eventPosition(after) else { return Page(items: [], nextAfter: nil) }
            conditions.append("(occurred_at, id) > (?, ?)")
            arguments.append(contentsOf: [SQLiteValue(occurredAt), .text(id)])
        }
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try connection.query(
            """
            SELECT \(Self.eventColumns) FROM events \(Self.whereClause(conditions)) ORDER BY occurred_at, id LIMIT ?
            """, arguments)
        return Page(fetched: try rows.map(Self.event), limit: page.limit, key: PageRequest.eventCursor)
    }

    func eventCount(_ filter: EventFilter, countMax: Int) throws -> Int {
        var (conditions, arguments) = Self.conditions(filter)
        arguments.append(.integer(Int64(countMax) + 1))
        return try connection.queryOne(
            "SELECT count(*) AS n FROM (SELECT 1 FROM events \(Self.whereClause(conditions)) LIMIT ?)", arguments)?.int("n") ?? 0
    }

    private static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }
}

import Engine
import SQLite

extension SQLStore: EventWriter {
    static let eventColumns =
        "id, type, member_id, organization_id, occurred_at, received_at, properties, fingerprint, reversed_at"

    /// Built once: see `insertPosting`.
    private static let eventByID = "SELECT \(eventColumns) FROM events WHERE id = ?"

    func event(id: String) throws -> Event? {
        try connection.queryOne(Self.eventByID, [.text(id)]).map(Self.event)
    }

    func events(_ filter: EventFilter, page: PageRequest) throws -> Page<Event> {
        var (conditions, arguments) = Self.conditions(filter)
        if let after = page.after {
            guard let (occurredAt, id) = PageRequest.eventPosition(after) else { return Page(items: [], nextAfter: nil) }
            conditions.append("(occurred_at, id) < (?, ?)")
            arguments.append(contentsOf: [SQLiteValue(occurredAt), .text(id)])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try connection.query(
            "SELECT \(Self.eventColumns) FROM events \(whereClause) ORDER BY occurred_at DESC, id DESC LIMIT ?", arguments)
        return Page(fetched: try rows.map(Self.event), limit: page.limit, key: PageRequest.eventCursor)
    }

    func eventCount(subject: EventSubject, type: String, from: Timestamp, until: Timestamp) throws -> Int {
        let (column, id) = Self.subjectColumn(subject)
        return try connection.queryOne(
            """
            SELECT count(*) AS n FROM events
            WHERE \(column) = ? AND type = ? AND occurred_at >= ? AND occurred_at < ? AND reversed_at IS NULL
            """,
            [.text(id), .text(type), SQLiteValue(from), SQLiteValue(until)])?.int("n") ?? 0
    }

    func eventSum(subject: EventSubject, type: String, property: String, from: Timestamp, until: Timestamp) throws -> Int64 {
        // SQLite's JSON paths cannot quote a key that holds a double quote: no event can be summed on it.
        guard !property.contains("\"") else { return 0 }
        let (column, id) = Self.subjectColumn(subject)
        // sum() of integers stays an exact integer and raises an error on overflow (total() would
        // turn to floating point).
        return try connection.queryOne(
            """
            SELECT coalesce(sum(json_extract(properties, ?5)), 0) AS total FROM events
            WHERE \(column) = ?1 AND type = ?2 AND occurred_at >= ?3 AND occurred_at < ?4 AND reversed_at IS NULL
                AND json_type(properties, ?5) = 'integer'
            """,
            [.text(id), .text(type), SQLiteValue(from), SQLiteValue(until), .text(Self.jsonPath(property))])?.int64("total") ?? 0
    }

    func eventOutcome(id: String) throws -> JSONValue? {
        try connection.queryOne(
            "SELECT o.outcome FROM events e JOIN event_outcomes o ON o.seq = e.outcome_seq WHERE e.id = ?", [.text(id)]
        )?.json("outcome")
    }

    func insert(_ event: Event, outcome: JSONValue?) throws {
        // The outcome first, appended to its own table (migration 0037), then the row that names it.
        let outcomeSeq = try outcome.map(appendOutcome)
        try connection.run(
            """
            INSERT INTO events (id, type, member_id, organization_id, occurred_at, received_at, properties, fingerprint, outcome_seq, reversed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(event.id), .text(event.type), SQLiteValue(event.memberID), SQLiteValue(event.organizationID),
             SQLiteValue(event.occurredAt), SQLiteValue(event.receivedAt), SQLiteValue(json: .object(event.properties)),
             .text(event.fingerprint), SQLiteValue(outcomeSeq), SQLiteValue(event.reversedAt)])
    }

    /// Rewrites the stored outcome in place (a reversal adds to it), or appends the event's first.
    func setOutcome(id: String, outcome: JSONValue) throws {
        let stored = try connection.queryOne("SELECT outcome_seq FROM events WHERE id = ?", [.text(id)])?.int64("outcome_seq")
        if let seq = stored {
            try connection.run("UPDATE event_outcomes SET outcome = ? WHERE seq = ?", [SQLiteValue(json: outcome), .integer(seq)])
        } else {
            let seq = try appendOutcome(outcome)
            try connection.run("UPDATE events SET outcome_seq = ? WHERE id = ?", [.integer(seq), .text(id)])
        }
    }

    private func appendOutcome(_ outcome: JSONValue) throws -> Int64 {
        try connection.run("INSERT INTO event_outcomes (outcome) VALUES (?)", [SQLiteValue(json: outcome)])
        return connection.lastInsertRowID
    }

    /// The first reversal's time is kept; reversing again changes nothing.
    func markReversed(id: String, at: Timestamp) throws {
        try connection.run("UPDATE events SET reversed_at = ? WHERE id = ? AND reversed_at IS NULL", [SQLiteValue(at), .text(id)])
    }

    private static func subjectColumn(_ subject: EventSubject) -> (column: String, id: String) {
        switch subject {
        case .member(let id): ("member_id", id)
        case .organization(let id): ("organization_id", id)
        }
    }

    /// `$."name"`: quoted so that a property named `a.b` or `x[0]` is one key, not a path.
    private static func jsonPath(_ property: String) -> String { "$.\"\(property)\"" }

    /// The filter as SQL conditions (joined with AND) and their arguments.
    static func conditions(_ filter: EventFilter) -> ([String], [SQLiteValue]) {
        var conditions: [String] = []
        var arguments: [SQLiteValue] = []
        if let memberID = filter.memberID { conditions.append("member_id = ?"); arguments.append(.text(memberID)) }
        if let organizationID = filter.organizationID { conditions.append("organization_id = ?"); arguments.append(.text(organizationID)) }
        if let type = filter.type { conditions.append("type = ?"); arguments.append(.text(type)) }
        if let from = filter.from { conditions.append("occurred_at >= ?"); arguments.append(SQLiteValue(from)) }
        if let until = filter.until { conditions.append("occurred_at < ?"); arguments.append(SQLiteValue(until)) }
        return (conditions, arguments)
    }

    static func event(_ row: SQLiteRow) throws -> Event {
        Event(
            id: try row.requiredString("id"), type: try row.requiredString("type"), memberID: row.string("member_id"),
            organizationID: row.string("organization_id"), occurredAt: try row.timestamp("occurred_at"),
            receivedAt: try row.timestamp("received_at"), properties: try row.jsonObject("properties"),
            fingerprint: try row.requiredString("fingerprint"), reversedAt: row.optionalTimestamp("reversed_at"))
    }
}

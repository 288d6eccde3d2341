/// Which events a list shows. `from` is inclusive, `until` exclusive, on `occurredAt`.
public struct EventFilter: Sendable, Equatable {
    public var memberID: String?
    public var organizationID: String?
    public var type: String?
    public var from: Timestamp?
    public var until: Timestamp?

    public init(
        memberID: String? = nil, organizationID: String? = nil, type: String? = nil, from: Timestamp? = nil,
        until: Timestamp? = nil
    ) {
        self.memberID = memberID
        self.organizationID = organizationID
        self.type = type
        self.from = from
        self.until = until
    }
}

/// Whose events a counter counts: a member's own, or every event recorded for an organization
/// (including its members' events, see `Event.organizationID`).
public enum EventSubject: Sendable, Hashable {
    case member(String)
    case organization(String)
}

/// Events as stored, with the outcome of processing each.
public protocol EventReader {
    func event(id: String) throws -> Event?
    /// Newest first by `occurredAt`, then by id descending among events of the same millisecond.
    /// The cursor (`PageRequest.after`) is `"<occurred_at ms>:<id>"` of the last event returned.
    func events(_ filter: EventFilter, page: PageRequest) throws -> Page<Event>
    /// Events of `type` for `subject` with `from <= occurredAt < until`, reversed ones excluded.
    func eventCount(subject: EventSubject, type: String, from: Timestamp, until: Timestamp) throws -> Int
    /// The sum of `properties[property]` over the same events as `eventCount`, counting only
    /// integer values: a missing property, a decimal, a string or an array adds nothing. Integers
    /// are at most 10^12 in magnitude, so only some nine million events could overflow a sum; an
    /// overflow throws rather than answering wrongly. A property name containing `"` sums to 0
    /// (SQLite's JSON paths cannot name it).
    func eventSum(subject: EventSubject, type: String, property: String, from: Timestamp, until: Timestamp) throws -> Int64
    /// What processing the event produced (awards, …), or nil before it has been processed.
    func eventOutcome(id: String) throws -> JSONValue?
}

public protocol EventWriter: EventReader {
    /// Inserts a new event, with what processing it caused when known; an id already stored is a
    /// programmer error (ask `event(id:)` first).
    func insert(_ event: Event, outcome: JSONValue?) throws
    func setOutcome(id: String, outcome: JSONValue) throws
    /// Excludes the event from counters and sums from now on; the event itself is kept.
    func markReversed(id: String, at: Timestamp) throws
}

extension EventWriter {
    public func insert(_ event: Event) throws { try insert(event, outcome: nil) }
}

extension PageRequest {
    /// The cursor of an event list; see `EventReader.events`.
    public static func eventCursor(_ event: Event) -> String {
        "\(event.occurredAt.millisecondsSinceEpoch):\(event.id)"
    }

    /// The position a cursor names, or nil for one that is not a cursor of an event list.
    public static func eventPosition(_ cursor: String) -> (occurredAt: Timestamp, id: String)? {
        guard let colon = cursor.firstIndex(of: ":"), let milliseconds = Int64(cursor[..<colon]) else { return nil }
        return (Timestamp(millisecondsSinceEpoch: milliseconds), String(cursor[cursor.index(after: colon)...]))
    }
}

/// Stored events in the order they happened, for replaying history (simulations). Kept apart
/// from `EventReader`, whose lists run newest first for people paging back through them.
public protocol EventTimelineReader {
    /// Events matching `filter` (reversed ones included: the caller decides), oldest first by
    /// `occurredAt` then id. The cursor is `PageRequest.eventCursor` of the last event returned.
    func eventsOldestFirst(_ filter: EventFilter, page: PageRequest) throws -> Page<Event>
    /// How many events match `filter`, reversed ones included, counting no further than
    /// `countMax + 1`: enough to refuse a range that is too large without counting all of it.
    func eventCount(_ filter: EventFilter, countMax: Int) throws -> Int
}

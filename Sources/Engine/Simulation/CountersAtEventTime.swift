/// Counter facts as they stood when an event happened: like `EventCounters`, but no event that
/// occurred after `through` is counted, even in the same period. Replaying a week of history, the
/// Monday event must not see Tuesday's. The event itself is stored, so it counts itself, as it did
/// when it was processed. Events in the same millisecond all count (the order within a
/// millisecond is not known). Reversed events count nowhere: the store excludes them.
public struct CountersAtEventTime: CounterSource {
    private let events: any EventReader
    private let timeZone: ProgramTimeZone
    /// Exclusive end: one millisecond after the event.
    private let cutoff: Timestamp

    public init(events: any EventReader, through occurredAt: Timestamp, timeZone: ProgramTimeZone) {
        self.events = events
        self.timeZone = timeZone
        self.cutoff = occurredAt.adding(milliseconds: 1)
    }

    public func count(_ subject: FactSubject, id: String, eventType: String, period: CounterPeriod, at: Timestamp) throws -> Int {
        let window = bounded(CalendarWindow.containing(at, period: period, in: timeZone))
        guard window.start < window.end else { return 0 }
        return try events.eventCount(subject: EventCounters.subject(subject, id), type: eventType, from: window.start, until: window.end)
    }

    public func sum(_ subject: FactSubject, id: String, eventType: String, property: String, period: CounterPeriod, at: Timestamp) throws -> Int64 {
        let window = bounded(CalendarWindow.containing(at, period: period, in: timeZone))
        guard window.start < window.end else { return 0 }
        return try events.eventSum(
            subject: EventCounters.subject(subject, id), type: eventType, property: property, from: window.start, until: window.end)
    }

    /// `EventCounters.streak` with the current day (or week) cut at the event; earlier ones are whole.
    public func streak(_ subject: FactSubject, id: String, eventType: String, unit: StreakUnit, at: Timestamp) throws -> Int {
        let period: CounterPeriod = unit == .day ? .day : .week
        var window = CalendarWindow.containing(at, period: period, in: timeZone)
        var length = 0
        while length < EventCounters.streakPeriodsMax {
            let counted = bounded(window)
            guard counted.start < counted.end,
                try events.eventCount(subject: EventCounters.subject(subject, id), type: eventType, from: counted.start, until: counted.end) > 0
            else { break }
            length += 1
            window = CalendarWindow.containing(window.start.adding(milliseconds: -1), period: period, in: timeZone)
        }
        return length
    }

    private func bounded(_ window: (start: Timestamp, end: Timestamp)) -> (start: Timestamp, end: Timestamp) {
        (window.start, min(window.end, cutoff))
    }
}

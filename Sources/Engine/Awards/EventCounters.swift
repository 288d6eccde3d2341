/// Counter facts from stored events, in the program's time zone (`ProgramTimeZone`).
public struct EventCounters: CounterSource {
    /// Streaks look back at most this many days or weeks.
    public static let streakPeriodsMax = 366

    private let events: any EventReader
    private let timeZone: ProgramTimeZone

    public init(events: any EventReader, timeZone: ProgramTimeZone) {
        self.events = events
        self.timeZone = timeZone
    }

    public func count(_ subject: FactSubject, id: String, eventType: String, period: CounterPeriod, at: Timestamp) throws -> Int {
        let window = CalendarWindow.containing(at, period: period, in: timeZone)
        return try events.eventCount(subject: Self.subject(subject, id), type: eventType, from: window.start, until: window.end)
    }

    public func sum(_ subject: FactSubject, id: String, eventType: String, property: String, period: CounterPeriod, at: Timestamp) throws -> Int64 {
        let window = CalendarWindow.containing(at, period: period, in: timeZone)
        return try events.eventSum(subject: Self.subject(subject, id), type: eventType, property: property, from: window.start, until: window.end)
    }

    /// Walks back one day (or ISO week) at a time from the one containing `at` while each has an
    /// event. Each step is one index-only count; bounded by `streakPeriodsMax`.
    public func streak(_ subject: FactSubject, id: String, eventType: String, unit: StreakUnit, at: Timestamp) throws -> Int {
        let period: CounterPeriod = unit == .day ? .day : .week
        var window = CalendarWindow.containing(at, period: period, in: timeZone)
        var length = 0
        while length < Self.streakPeriodsMax {
            let found = try events.eventCount(subject: Self.subject(subject, id), type: eventType, from: window.start, until: window.end)
            guard found > 0 else { break }
            length += 1
            window = CalendarWindow.containing(window.start.adding(milliseconds: -1), period: period, in: timeZone)
        }
        return length
    }

    static func subject(_ who: FactSubject, _ id: String) -> EventSubject {
        who == .member ? .member(id) : .organization(id)
    }
}

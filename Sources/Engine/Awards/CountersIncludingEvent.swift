/// Counters as they would be once `event` is recorded, without recording it. Real processing
/// records the event before its rules read counters, so the event counts itself; a dry run asks
/// through this so that its answer is the one a real post would get.
public struct CountersIncludingEvent: CounterSource {
    private let stored: any CounterSource
    private let event: Event
    private let timeZone: ProgramTimeZone

    public init(_ stored: any CounterSource, event: Event, timeZone: ProgramTimeZone) {
        self.stored = stored
        self.event = event
        self.timeZone = timeZone
    }

    public func count(_ subject: FactSubject, id: String, eventType: String, period: CounterPeriod, at: Timestamp) throws -> Int {
        let base = try stored.count(subject, id: id, eventType: eventType, period: period, at: at)
        return base + (counts(subject, id, eventType, period, at) ? 1 : 0)
    }

    public func sum(_ subject: FactSubject, id: String, eventType: String, property: String, period: CounterPeriod, at: Timestamp) throws -> Int64 {
        let base = try stored.sum(subject, id: id, eventType: eventType, property: property, period: period, at: at)
        // Stored sums add integer properties only; so does this.
        guard counts(subject, id, eventType, period, at), case .int(let value)? = event.properties[property] else { return base }
        return base + value
    }

    /// The event adds to a streak only when its own day (or week) had no such event yet: then the
    /// streak is that period plus the stored streak that ended the period before.
    public func streak(_ subject: FactSubject, id: String, eventType: String, unit: StreakUnit, at: Timestamp) throws -> Int {
        let period: CounterPeriod = unit == .day ? .day : .week
        guard counts(subject, id, eventType, period, at),
            try stored.count(subject, id: id, eventType: eventType, period: period, at: at) == 0
        else { return try stored.streak(subject, id: id, eventType: eventType, unit: unit, at: at) }
        let window = CalendarWindow.containing(at, period: period, in: timeZone)
        let before = try stored.streak(subject, id: id, eventType: eventType, unit: unit, at: window.start.adding(milliseconds: -1))
        return min(1 + before, EventCounters.streakPeriodsMax)
    }

    private func counts(_ subject: FactSubject, _ id: String, _ eventType: String, _ period: CounterPeriod, _ at: Timestamp) -> Bool {
        guard event.type == eventType, event.reversedAt == nil else { return false }
        let holderID = subject == .member ? event.memberID : event.organizationID
        guard holderID == id else { return false }
        let window = CalendarWindow.containing(at, period: period, in: timeZone)
        return window.start <= event.occurredAt && event.occurredAt < window.end
    }
}

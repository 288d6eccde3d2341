/// How far from "now" an event's `occurred_at` may lie. Older events would rewrite closed periods;
/// events from the future are clock errors. Outside the window the answer is 422, not 400: the
/// document is well-formed, the time is not acceptable.
public struct EventTimeWindow: Sendable, Equatable {
    public static let pastMsDefault: Int64 = 30 * 86_400_000
    public static let futureMsDefault: Int64 = 5 * 60_000

    public var pastMs: Int64
    public var futureMs: Int64

    public init(pastMs: Int64 = EventTimeWindow.pastMsDefault, futureMs: Int64 = EventTimeWindow.futureMsDefault) {
        precondition(pastMs >= 0 && futureMs >= 0, "an event time window cannot be negative")
        self.pastMs = pastMs
        self.futureMs = futureMs
    }

    /// Both edges included: exactly `pastMs` ago and exactly `futureMs` ahead are accepted.
    public func accepts(_ occurredAt: Timestamp, now: Timestamp) -> Bool {
        let earliest = now.adding(milliseconds: -pastMs)
        let latest = now.adding(milliseconds: futureMs)
        return earliest <= occurredAt && occurredAt <= latest
    }
}

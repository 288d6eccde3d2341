/// When to try a refused delivery again: exponential backoff with full jitter. After the n-th
/// failed attempt the wait is drawn uniformly from 0 to min(`maxWaitMs`, `baseMs` · 2^(n−1)), so
/// that receivers coming back up are not hit by every sender at once; attempts go on until
/// `windowMs` after the first one (the last one at the window's end), then the delivery fails.
public struct WebhookBackoff: Sendable, Equatable {
    public var baseMs: Int64
    public var maxWaitMs: Int64
    public var windowMs: Int64

    public static let baseMsDefault: Int64 = 1_000
    public static let maxWaitMsDefault: Int64 = 3_600_000
    public static let windowMsDefault: Int64 = 86_400_000

    public init(baseMs: Int64 = baseMsDefault, maxWaitMs: Int64 = maxWaitMsDefault, windowMs: Int64 = windowMsDefault) {
        precondition(baseMs >= 1 && maxWaitMs >= baseMs && windowMs >= 0, "backoff settings out of range")
        self.baseMs = baseMs
        self.maxWaitMs = maxWaitMs
        self.windowMs = windowMs
    }

    public enum Decision: Sendable, Equatable {
        case retry(at: Timestamp)
        case giveUp
    }

    /// The longest wait after the `attempt`-th failed attempt (1 for the first).
    public func waitCeilingMs(afterAttempt attempt: Int) -> Int64 {
        precondition(attempt >= 1, "attempts count from 1")
        let doublings = attempt - 1
        // Past 2^40 any base is beyond any sensible ceiling; also keeps the shift from overflowing.
        guard doublings < 40, baseMs <= maxWaitMs >> Int64(doublings) else { return maxWaitMs }
        return baseMs << Int64(doublings)
    }

    /// What follows a failed attempt `attempt` that ended at `now`, for a delivery first attempted
    /// at `firstAttemptAt`. `random` is any uniformly drawn number: the jitter.
    public func decision(afterAttempt attempt: Int, firstAttemptAt: Timestamp, now: Timestamp, random: UInt64) -> Decision {
        let deadline = firstAttemptAt.adding(milliseconds: windowMs)
        guard now < deadline else { return .giveUp }
        let ceiling = waitCeilingMs(afterAttempt: attempt)
        let wait = Int64(random % UInt64(ceiling + 1))
        return .retry(at: min(now.adding(milliseconds: wait), deadline))
    }
}

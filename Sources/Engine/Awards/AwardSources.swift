/// Counters over past events for rule facts (`member.count.deal.closed.month`, …). Windows are
/// computed by the source in the program's time zone, around `at` (the event's time). Counts
/// include the event being processed: it is recorded before its rules run.
public protocol CounterSource {
    func count(_ subject: FactSubject, id: String, eventType: String, period: CounterPeriod, at: Timestamp) throws -> Int
    func sum(_ subject: FactSubject, id: String, eventType: String, property: String, period: CounterPeriod, at: Timestamp) throws -> Int64
    /// Consecutive days or weeks, ending with the one containing `at`, with at least one such event.
    func streak(_ subject: FactSubject, id: String, eventType: String, unit: StreakUnit, at: Timestamp) throws -> Int
}

/// How often a rule has already fired and how much it has awarded, for its limits.
/// `subjectID` is the member or organization id, nil for program-wide limits.
public protocol RuleUsageSource {
    func fires(ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, period: RuleLimit.Period, at: Timestamp) throws -> Int
    func awarded(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, currency: String, period: RuleLimit.Period, at: Timestamp
    ) throws -> Int64
}

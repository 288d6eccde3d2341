/// Decides whether a rule applies to an event and computes its awards, with a trace for explain.
/// Pure: every fact comes from the event and the `FactSource`.
public enum RuleEvaluator {
    /// `timeZone` is the program's time zone: `event.weekday` and `event.hour` are local civil time
    /// there.
    public static func evaluate(
        _ rule: Rule, event: EventFacts, facts: some FactSource, timeZone: ProgramTimeZone = .utc
    ) -> RuleOutcome {
        let lookup = factLookup(event: event, facts: facts, timeZone: timeZone)
        let typeMatches = rule.on == event.type
        let inWindow = rule.active.contains(event.occurredAt)
        let trace = rule.when.map { ConditionEvaluator(facts: lookup).evaluate($0, path: "$.when") }
        let applies = typeMatches && inWindow && (trace?.passed ?? true)
        let awards = applies ? awardOutcomes(rule, lookup) : []
        let reason: String
        if !typeMatches {
            reason = "the rule is on \(rule.on), the event is \(event.type)"
        } else if !inWindow {
            reason = "the event at \(event.occurredAt) is outside the rule's active window"
        } else if let trace, !trace.passed {
            reason = "conditions failed: " + trace.failureCauses.map { "\($0.path) \($0.reason)" }.joined(separator: "; ")
        } else {
            reason = "applies"
        }
        return RuleOutcome(
            ruleID: rule.id, applies: applies, typeMatches: typeMatches, inActiveWindow: inWindow, conditions: trace,
            awards: awards, reason: reason)
    }

    /// Event facts the evaluator knows itself; everything else is asked of `facts`.
    static func factLookup(event: EventFacts, facts: some FactSource, timeZone: ProgramTimeZone)
        -> (FactPath) -> FactValue?
    {
        let local = LocalTime(event.occurredAt, in: timeZone)
        return { path in
            switch path {
            case .eventType: .string(event.type)
            case .eventOccurredAt: .string(event.occurredAt.rfc3339)
            case .eventWeekday: .int(local.weekday)
            case .eventHour: .int(local.hour)
            default: facts.value(of: path)
            }
        }
    }

    private static func awardOutcomes(_ rule: Rule, _ lookup: (FactPath) -> FactValue?) -> [AwardOutcome] {
        rule.then.enumerated().compactMap { index, effect in
            guard case .award(let award) = effect else { return nil }
            return AwardOutcome(
                effectIndex: index, currency: award.currency, to: award.to, amount: award.amount.evaluate(lookup))
        }
    }
}

/// Rule limits' usage while a simulation replays history: what the simulation itself has awarded so
/// far, never the awards actually stored for the replayed events (they were made by other rules, or
/// other versions). A limit window that began before the simulated range also counts the stored
/// awards of the same rule id in that earlier part, which the simulation does not replay: "once
/// per member in total" must not fire again for a member who earned it last year.
final class SimulatedRuleUsage: RuleUsageSource {
    private struct Window: Hashable {
        var ruleID: String
        var scope: RuleLimit.Scope
        var subjectID: String?
        var period: RuleLimit.Period
        var start: Timestamp
    }

    private struct CurrencyWindow: Hashable {
        var window: Window
        var currency: String
    }

    private let stored: any RuleAwardReader
    private let from: Timestamp
    private let timeZone: ProgramTimeZone
    private var simulatedFires: [Window: Int] = [:]
    private var simulatedAmounts: [CurrencyWindow: Int64] = [:]
    private var storedFires: [Window: Int] = [:]
    private var storedAmounts: [CurrencyWindow: Int64] = [:]

    init(stored: any RuleAwardReader, from: Timestamp, timeZone: ProgramTimeZone) {
        self.stored = stored
        self.from = from
        self.timeZone = timeZone
    }

    func fires(ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, period: RuleLimit.Period, at: Timestamp) throws -> Int {
        let (key, end) = window(ruleID, scope, subjectID, period, at)
        return try storedFiresBefore(key, end) + simulatedFires[key, default: 0]
    }

    func awarded(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, currency: String, period: RuleLimit.Period, at: Timestamp
    ) throws -> Int64 {
        let (key, end) = window(ruleID, scope, subjectID, period, at)
        let currencyKey = CurrencyWindow(window: key, currency: currency)
        return try storedAmountBefore(currencyKey, end) + simulatedAmounts[currencyKey, default: 0]
    }

    /// Counts a simulated decision for the rule's limits, as `EventProcessor` records rule awards and
    /// fires: a fire when it awarded something or applied with a badge, boost, tag or notify effect
    /// (the simulation does not decide those effects, so it assumes they did something), and the
    /// whole amount (before any split or multiplier).
    func record(_ decision: RuleDecision, of rule: Rule, subject: AwardSubject) {
        let otherEffect = rule.then.contains { if case .award = $0 { false } else { true } }
        guard !decision.awards.isEmpty || (decision.outcome.applies && !decision.limitReached && otherEffect) else { return }
        var windows: Set<Window> = []
        for limit in rule.limits {
            let subjectID: String?
            switch limit.per {
            case .program: subjectID = nil
            case .member: guard let id = subject.member?.id else { continue }; subjectID = id
            case .organization: guard let id = subject.organization?.id else { continue }; subjectID = id
            }
            windows.insert(window(rule.id, limit.per, subjectID, limit.period, subject.occurredAt).key)
        }
        for key in windows {
            simulatedFires[key, default: 0] += 1
            for award in decision.awards {
                simulatedAmounts[CurrencyWindow(window: key, currency: award.currency), default: 0] += award.amount
            }
        }
    }

    private func storedFiresBefore(_ key: Window, _ end: Timestamp) throws -> Int {
        guard key.start < from else { return 0 }
        if let known = storedFires[key] { return known }
        // A candidate version may limit per member what the live one did not: every award counts.
        let fires = try stored.ruleFires(
            ruleID: key.ruleID, per: key.scope, subjectID: key.subjectID, from: key.start, until: min(end, from), includingUnindexed: true)
        storedFires[key] = fires
        return fires
    }

    private func storedAmountBefore(_ key: CurrencyWindow, _ end: Timestamp) throws -> Int64 {
        guard key.window.start < from else { return 0 }
        if let known = storedAmounts[key] { return known }
        let window = key.window
        let amount = try stored.ruleAwarded(
            ruleID: window.ruleID, per: window.scope, subjectID: window.subjectID, currency: key.currency, from: window.start,
            until: min(end, from), includingUnindexed: true)
        storedAmounts[key] = amount
        return amount
    }

    private func window(
        _ ruleID: String, _ scope: RuleLimit.Scope, _ subjectID: String?, _ period: RuleLimit.Period, _ at: Timestamp
    ) -> (key: Window, end: Timestamp) {
        // Limit periods are the calendar counter periods of the same names (as in `RuleUsage`).
        let bounds = CalendarWindow.containing(at, period: CounterPeriod(rawValue: period.rawValue)!, in: timeZone)
        return (Window(ruleID: ruleID, scope: scope, subjectID: subjectID, period: period, start: bounds.start), bounds.end)
    }
}

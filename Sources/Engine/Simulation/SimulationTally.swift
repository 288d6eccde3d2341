/// Running totals of one simulation: per rule, per holder and per currency, simulated beside what
/// was actually booked for the same events. Memory grows with rules, holders and currencies, not
/// with events (samples are capped per rule).
struct SimulationTally {
    struct RuleStats {
        var ruleID: String
        var version: Int
        var on: String
        /// Events of the rule's type it was evaluated on.
        var evaluated = 0
        /// Conditions held and the rule was in its active window.
        var applied = 0
        /// Applied and not stopped by a count limit.
        var fires = 0
        /// Applied but a count limit stopped it.
        var limitBlocked = 0
        /// Fired but an amount limit cut (or emptied) what it awarded.
        var amountLimited = 0
        /// What it would post, per currency, after tier multipliers.
        var amounts: [String: Int64] = [:]
        var firedSamples: [JSONValue] = []
        var notFiredSamples: [JSONValue] = []
    }

    private(set) var rules: [String: RuleStats] = [:]
    /// Actually booked per rule id, per currency; and how many events it booked something for.
    private(set) var actualByRule: [String: [String: Int64]] = [:]
    private(set) var actualEventsByRule: [String: Int] = [:]
    private(set) var simulatedByHolder: [LedgerHolder: [String: Int64]] = [:]
    private(set) var actualByHolder: [LedgerHolder: [String: Int64]] = [:]
    private(set) var eventsReplayed = 0
    private(set) var reversedExcluded = 0
    let samplesPerRule: Int

    init(rules: [AwardPlanner.LiveRule], samplesPerRule: Int) {
        self.samplesPerRule = samplesPerRule
        for live in rules {
            self.rules[live.rule.id] = RuleStats(ruleID: live.rule.id, version: live.version, on: live.rule.on)
        }
    }

    mutating func countReversed() { reversedExcluded += 1 }

    mutating func countReplayed() { eventsReplayed += 1 }

    /// One rule's decision on one event; `amounts` are the decision's awards after multipliers.
    mutating func add(_ decision: RuleDecision, posting amounts: [(PlannedAward, Int64)], event: Event) {
        guard var stats = rules[decision.ruleID] else { return }
        stats.evaluated += 1
        let fired = decision.outcome.applies && !decision.limitReached
        if decision.outcome.applies { stats.applied += 1 }
        if decision.limitReached { stats.limitBlocked += 1 }
        if fired {
            stats.fires += 1
            // The planner's own note when an amount limit trimmed an award (see AwardPlanner.amountLimit).
            if decision.amountLimited { stats.amountLimited += 1 }
        }
        for (award, amount) in amounts {
            stats.amounts[award.currency] = Self.add(stats.amounts[award.currency], amount)
            simulatedByHolder[award.holder, default: [:]][award.currency] =
                Self.add(simulatedByHolder[award.holder]?[award.currency], amount)
        }
        if fired, stats.firedSamples.count < samplesPerRule {
            stats.firedSamples.append(Self.sample(decision, event))
        } else if !fired, stats.notFiredSamples.count < samplesPerRule {
            stats.notFiredSamples.append(Self.sample(decision, event))
        }
        rules[decision.ruleID] = stats
    }

    /// The rule awards actually booked for one replayed event: its earn postings that name a rule.
    mutating func addActual(_ postings: [LedgerPosting]) {
        var rulesSeen: Set<String> = []
        for posting in postings where posting.kind == .earn {
            guard let ruleID = posting.references.ruleID, let holder = posting.credit.holder else { continue }
            actualByRule[ruleID, default: [:]][posting.currency] = Self.add(actualByRule[ruleID]?[posting.currency], posting.amount)
            actualByHolder[holder, default: [:]][posting.currency] = Self.add(actualByHolder[holder]?[posting.currency], posting.amount)
            if rulesSeen.insert(ruleID).inserted { actualEventsByRule[ruleID, default: 0] += 1 }
        }
    }

    private static func sample(_ decision: RuleDecision, _ event: Event) -> JSONValue {
        .object(JSONObject([
            ("event_id", .string(event.id)), ("occurred_at", .string(event.occurredAt.rfc3339)),
            ("member_id", .optional(event.memberID)), ("organization_id", .optional(event.organizationID)),
            ("explain", decision.explainJSON),
        ]))
    }

    /// Totals saturate instead of trapping: a report of absurd amounts beats a crashed server.
    static func add(_ total: Int64?, _ amount: Int64) -> Int64 {
        let (sum, overflow) = (total ?? 0).addingReportingOverflow(amount)
        return overflow ? (amount > 0 ? .max : .min) : sum
    }
}

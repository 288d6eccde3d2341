/// Decides what an event is worth: evaluates every live rule on the event's type in priority
/// order (highest first, then by id), applies each rule's limits, resolves who receives each award,
/// and returns one decision per rule considered. Pure over its sources: nothing is written.
public enum AwardPlanner {
    public struct LiveRule: Sendable {
        public var rule: Rule
        public var version: Int

        public init(rule: Rule, version: Int) {
            self.rule = rule
            self.version = version
        }

        /// The rules of the decisions that fire (they apply and no limit stopped them), in the
        /// decisions' order; the first of two rules with one id. Every event asks this twice, and
        /// most fire one or two rules: neither decisions nor rules are copied to find them, and a
        /// map of the rules is built only for a large rule set.
        static func firing(_ decisions: [RuleDecision], among rules: [LiveRule]) -> [LiveRule] {
            var firing: [LiveRule] = []
            var byID: [String: Int]?
            for index in decisions.indices where decisions[index].outcome.applies && !decisions[index].limitReached {
                let id = decisions[index].ruleID
                let found: Int?
                if rules.count <= linearSearchMax {
                    found = rules.firstIndex { $0.rule.id == id }
                } else {
                    let map = byID ?? Dictionary(rules.indices.map { (rules[$0].rule.id, $0) }, uniquingKeysWith: { first, _ in first })
                    byID = map
                    found = map[id]
                }
                if let found { firing.append(rules[found]) }
            }
            return firing
        }

        static let linearSearchMax = 32
    }

    public static func plan(
        _ subject: AwardSubject, rules: [LiveRule], counters: any CounterSource, usage: any RuleUsageSource,
        parentOf: (Organization) throws -> Organization? = { _ in nil }, timeZone: ProgramTimeZone = .utc
    ) throws -> [RuleDecision] {
        let facts = EventFactSource(subject: subject, counters: counters)
        let event = EventFacts(type: subject.eventType, occurredAt: subject.occurredAt)
        let ordered = rules.filter { $0.rule.on == subject.eventType }.sorted {
            $0.rule.priority != $1.rule.priority ? $0.rule.priority > $1.rule.priority : $0.rule.id < $1.rule.id
        }
        return try ordered.map { live in
            let outcome = RuleEvaluator.evaluate(live.rule, event: event, facts: facts, timeZone: timeZone)
            var decision = RuleDecision(ruleID: live.rule.id, ruleVersion: live.version, outcome: outcome, awards: [], notes: [])
            guard outcome.applies else { return decision }
            if let blocked = try countLimitReached(live.rule, subject, usage) {
                decision.notes.append(blocked)
                decision.limitReached = true
                return decision
            }
            for award in outcome.awards {
                try plan(award, of: live, for: subject, usage: usage, parentOf: parentOf, into: &decision)
            }
            return decision
        }
    }

    private static func plan(
        _ award: AwardOutcome, of live: LiveRule, for subject: AwardSubject, usage: any RuleUsageSource,
        parentOf: (Organization) throws -> Organization?, into decision: inout RuleDecision
    ) throws {
        let label = "$.then[\(award.effectIndex)]"
        var amount: Int64
        switch award.amount {
        case .failure(let error):
            decision.notes.append("\(label): the amount could not be computed: \(error)")
            return
        case .success(let value):
            amount = value
        }
        guard amount > 0 else {
            decision.notes.append("\(label): the amount \(amount) is not positive; nothing awarded")
            return
        }
        let (capped, note) = try amountLimit(live.rule, currency: award.currency, amount: amount, subject, usage)
        if let note {
            decision.notes.append("\(label): \(note)")
            decision.amountLimited = true
        }
        amount = capped
        guard amount > 0 else { return }
        for (holder, share) in try recipients(award.to, amount: amount, subject: subject, parentOf: parentOf, label: label, notes: &decision.notes)
        where share > 0 {
            decision.awards.append(PlannedAward(
                ruleID: live.rule.id, ruleVersion: live.version, effectIndex: award.effectIndex, currency: award.currency,
                amount: share, holder: holder))
        }
    }

    /// Who gets what. A split gives the organization its percentage rounded down and the member the
    /// rest, so that nothing is lost to rounding.
    static func recipients(
        _ to: AwardRecipient, amount: Int64, subject: AwardSubject, parentOf: (Organization) throws -> Organization?,
        label: String, notes: inout [String]
    ) throws -> [(LedgerHolder, Int64)] {
        func member() -> LedgerHolder? {
            if subject.member == nil { notes.append("\(label): the event names no member to award") }
            return subject.member.map { .member($0.id) }
        }
        func organization() -> LedgerHolder? {
            if subject.organization == nil { notes.append("\(label): the event has no organization to award") }
            return subject.organization.map { .organization($0.id) }
        }
        switch to {
        case .member:
            return member().map { [($0, amount)] } ?? []
        case .organization:
            return organization().map { [($0, amount)] } ?? []
        case .parent:
            guard let organization = subject.organization else { return organization().map { [($0, amount)] } ?? [] }
            guard let parent = try parentOf(organization) else {
                notes.append("\(label): organization \(organization.id) has no parent to award")
                return []
            }
            return [(.organization(parent.id), amount)]
        case .split(_, let organizationPercent):
            guard let memberHolder = member(), let organizationHolder = organization() else { return [] }
            let organizationShare = amount / 100 * organizationPercent + amount % 100 * organizationPercent / 100
            return [(memberHolder, amount - organizationShare), (organizationHolder, organizationShare)]
        }
    }

    /// The first count limit the rule has reached, as a note; nil when it may fire.
    private static func countLimitReached(_ rule: Rule, _ subject: AwardSubject, _ usage: any RuleUsageSource) throws -> String? {
        for limit in rule.limits {
            guard let maxCount = limit.maxCount, let (subjectID, applicable) = scope(limit, subject), applicable else { continue }
            let fired = try usage.fires(ruleID: rule.id, per: limit.per, subjectID: subjectID, period: limit.period, at: subject.occurredAt)
            if Int64(fired) >= maxCount {
                return "limit reached: at most \(maxCount) per \(limit.per.rawValue) per \(limit.period.rawValue); nothing awarded"
            }
        }
        return nil
    }

    /// The amount after every amount limit on this currency, with a note when one trimmed it.
    private static func amountLimit(
        _ rule: Rule, currency: String, amount: Int64, _ subject: AwardSubject, _ usage: any RuleUsageSource
    ) throws -> (Int64, String?) {
        var allowed = amount
        var note: String?
        for limit in rule.limits where limit.currency == currency {
            guard let maxAmount = limit.maxAmount, let (subjectID, applicable) = scope(limit, subject), applicable else { continue }
            let already = try usage.awarded(
                ruleID: rule.id, per: limit.per, subjectID: subjectID, currency: currency, period: limit.period, at: subject.occurredAt)
            let remaining = max(0, maxAmount - already)
            if remaining < allowed {
                allowed = remaining
                note = "limit of \(maxAmount) \(currency) per \(limit.per.rawValue) per \(limit.period.rawValue) leaves \(remaining)"
            }
        }
        return (allowed, note)
    }

    /// The subject a limit counts for; not applicable when the event lacks it (a member limit on an
    /// organization-only event).
    private static func scope(_ limit: RuleLimit, _ subject: AwardSubject) -> (String?, Bool)? {
        switch limit.per {
        case .program: return (nil, true)
        case .member: return (subject.member?.id, subject.member != nil)
        case .organization: return (subject.organization?.id, subject.organization != nil)
        }
    }
}

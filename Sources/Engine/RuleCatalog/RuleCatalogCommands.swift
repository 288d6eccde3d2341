/// Saving, reading and deleting rules. Documents arrive already validated by the rule language;
/// this keeps their versions. Only admin keys change rules.
public enum RuleCatalogCommands {
    public struct PutOutcome: Sendable {
        public var rule: RuleVersion
        public var created: Bool
    }

    /// Saves a rule the language accepted, after checking what it refers to exists (an award in an
    /// unknown currency, or an unknown badge, is refused with the effect's path).
    public static func put(_ id: String, rule: Rule, document: JSONValue, context: ChangeContext, in store: any StoreWriter) throws -> PutOutcome {
        try requireAdmin(context)
        let problems = try referenceProblems(rule, in: store)
        if !problems.isEmpty { throw DomainError.unprocessable(problems) }
        let outcome = try put(id, document: document, context: context, in: store)
        if rule.limitsBySubject {
            try store.indexRuleAwardsBySubject(ruleID: id, from: earliestCountable(rule, at: context.at, timeZone: context.timeZone))
        }
        return outcome
    }

    /// The earliest award time a limit of `rule` per member or organization can count from now
    /// on: the start of its period around the earliest event time still accepted (events are
    /// backdated by `EventTimeWindow.pastMsDefault` at most); nil for a limit over all time.
    static func earliestCountable(_ rule: Rule, at now: Timestamp, timeZone: ProgramTimeZone) -> Timestamp? {
        let earliestEvent = now.adding(milliseconds: -EventTimeWindow.pastMsDefault)
        var earliest: Timestamp?
        for limit in rule.limits where limit.per != .program {
            guard limit.period != .all else { return nil }
            let start = CalendarWindow.containing(earliestEvent, period: CounterPeriod(rawValue: limit.period.rawValue)!, in: timeZone).start
            earliest = min(earliest ?? start, start)
        }
        return earliest
    }

    /// What a rule the language accepted refers to that does not exist: an award's currency, a
    /// badge. Also how simulations check their candidate rules.
    public static func referenceProblems(_ rule: Rule, in store: any CurrencyReader & BadgeReader & QuestReader) throws -> [ValidationError] {
        var problems = try effectProblems(rule.then, at: "$.then", in: store)
        for (index, limit) in rule.limits.enumerated() {
            if let currency = limit.currency, try store.currency(id: currency) == nil {
                problems.append(ValidationError(path: "$.limits[\(index)].currency", message: "no such currency: \(currency)"))
            }
        }
        return problems
    }

    /// What a list of effects (a rule's `then`, a quest's rewards) names that does not exist: an
    /// award's or boost's currency, a badge; each with the effect's path under `path`.
    static func effectProblems(_ effects: [Effect], at path: String, in store: any CurrencyReader & BadgeReader & QuestReader) throws -> [ValidationError] {
        var problems: [ValidationError] = []
        for (index, effect) in effects.enumerated() {
            if case .award(let award) = effect, try store.currency(id: award.currency) == nil {
                problems.append(ValidationError(path: "\(path)[\(index)].award.currency", message: "no such currency: \(award.currency)"))
            }
            if case .badge(let badgeID) = effect, try store.badge(id: badgeID) == nil {
                problems.append(ValidationError(path: "\(path)[\(index)].badge", message: "no such badge: \(badgeID)"))
            }
            if case .boost(let boost) = effect, let currency = boost.currency, try store.currency(id: currency) == nil {
                problems.append(ValidationError(path: "\(path)[\(index)].boost.currency", message: "no such currency: \(currency)"))
            }
            if case .quest(let named) = effect {
                if let quest = try store.quest(id: named.quest) {
                    if !quest.stepIDs.contains(named.step) {
                        problems.append(ValidationError(path: "\(path)[\(index)].quest.step", message: "quest \(quest.id) has no step \(named.step)"))
                    }
                } else {
                    problems.append(ValidationError(path: "\(path)[\(index)].quest.id", message: "no such quest: \(named.quest)"))
                }
            }
        }
        return problems
    }

    /// Saves `document` as the rule's next version, unless it equals the current one (then nothing
    /// is written and the current version is answered).
    public static func put(_ id: String, document: JSONValue, context: ChangeContext, in store: any StoreWriter) throws -> PutOutcome {
        try requireAdmin(context)
        let current = try store.currentRule(id: id)
        if let current, current.document == document { return PutOutcome(rule: current, created: false) }
        let version = RuleVersion(
            ruleID: id, version: try store.latestRuleVersion(id: id) + 1, document: document, createdAt: context.at,
            createdBy: context.principal?.keyID)
        try store.saveRuleVersion(version)
        try store.append(context.audit("rule.put", "rule", id, before: current?.json, after: version.json))
        return PutOutcome(rule: version, created: current == nil)
    }

    public static func get(_ id: String, in store: any StoreReader) throws -> RuleVersion {
        guard let rule = try store.currentRule(id: id) else { throw DomainError.notFound(kind: "rule", id: id) }
        return rule
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<RuleVersion> {
        try store.currentRules(page: page)
    }

    /// Every version, newest first; 404 only when the id never had one.
    public static func versions(_ id: String, page: PageRequest, in store: any StoreReader) throws -> Page<RuleVersion> {
        let versions = try store.ruleVersions(id: id, page: page)
        if versions.items.isEmpty, page.after == nil { throw DomainError.notFound(kind: "rule", id: id) }
        return versions
    }

    /// The rule stops applying; its versions stay so that past awards keep their explanation.
    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try requireAdmin(context)
        guard let current = try store.currentRule(id: id) else { throw DomainError.notFound(kind: "rule", id: id) }
        try store.deleteRule(id: id, at: context.at)
        try store.append(context.audit("rule.delete", "rule", id, before: current.json, after: nil))
    }

    private static func requireAdmin(_ context: ChangeContext) throws {
        if let principal = context.principal, !principal.isAdmin {
            throw DomainError.forbidden("only admin keys change rules")
        }
    }
}

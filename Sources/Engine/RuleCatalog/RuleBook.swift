import Synchronization

/// The live rules, parsed once and kept in memory until the rules change. Checking costs one
/// small query per event (the rules' stamp); parsing happens only after a rule was saved or
/// deleted. Read inside the event's own transaction, so it always agrees with what is stored.
public final class RuleBook: Sendable {
    private let cache = Mutex<(stamp: RulesStamp, rules: [AwardPlanner.LiveRule])?>(nil)

    public init() {}

    public func live(in store: any StoreReader) throws -> [AwardPlanner.LiveRule] {
        let stamp = try store.rulesStamp()
        if let cached = cache.withLock({ $0 }), cached.stamp == stamp { return cached.rules }
        var rules: [AwardPlanner.LiveRule] = []
        var after: String?
        repeat {
            let page = try store.currentRules(page: PageRequest(limit: PageRequest.limitMax, after: after))
            for version in page.items {
                // Saved rules were valid when saved; one the language now refuses cannot apply.
                guard let rule = try? RuleParser.parse(version.document, id: version.ruleID) else { continue }
                rules.append(AwardPlanner.LiveRule(rule: rule, version: version.version))
            }
            after = page.nextAfter
        } while after != nil
        cache.withLock { $0 = (stamp, rules) }
        return rules
    }
}

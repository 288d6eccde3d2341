public protocol RuleReader {
    /// The current version of a rule that is not deleted.
    func currentRule(id: String) throws -> RuleVersion?
    /// Current versions of every live rule, ordered by id.
    func currentRules(page: PageRequest) throws -> Page<RuleVersion>
    /// Every version of a rule, deleted or not, newest first; `page.after` is a version number.
    func ruleVersions(id: String, page: PageRequest) throws -> Page<RuleVersion>
    /// The highest version ever saved for this id (0 if none), deleted or not.
    func latestRuleVersion(id: String) throws -> Int
    /// Changes whenever any rule is saved or deleted: tells a cache of compiled rules it is stale.
    func rulesStamp() throws -> RulesStamp
}

/// Names one state of the live rules: equal stamps, equal rules.
public struct RulesStamp: Sendable, Hashable {
    public var generation: Int64

    public init(generation: Int64) {
        self.generation = generation
    }
}

public protocol RuleWriter: RuleReader {
    /// Stores a new version and makes it the rule's current one (undeleting it if needed).
    func saveRuleVersion(_ version: RuleVersion) throws
    /// Marks the rule deleted; its versions stay.
    func deleteRule(id: String, at: Timestamp) throws
}

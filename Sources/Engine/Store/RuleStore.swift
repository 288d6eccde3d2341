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

public struct RulesStamp: Sendable, Hashable {
    public var live: Int
    public var versionSum: Int64
    public var lastChange: Timestamp

    public init(live: Int, versionSum: Int64, lastChange: Timestamp) {
        self.live = live
        self.versionSum = versionSum
        self.lastChange = lastChange
    }
}

public protocol RuleWriter: RuleReader {
    /// Stores a new version and makes it the rule's current one (undeleting it if needed).
    func saveRuleVersion(_ version: RuleVersion) throws
    /// Marks the rule deleted; its versions stay.
    func deleteRule(id: String, at: Timestamp) throws
}

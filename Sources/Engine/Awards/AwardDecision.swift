/// One award the planner decided to make, before the ledger books it.
public struct PlannedAward: Sendable, Equatable {
    public var ruleID: String
    public var ruleVersion: Int
    public var effectIndex: Int
    public var currency: String
    public var amount: Int64
    public var holder: LedgerHolder

    public init(ruleID: String, ruleVersion: Int, effectIndex: Int, currency: String, amount: Int64, holder: LedgerHolder) {
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.effectIndex = effectIndex
        self.currency = currency
        self.amount = amount
        self.holder = holder
    }
}

/// What the planner made of one rule for one event: whether it applies, why or why not, what a
/// limit changed, and the awards left to book. This is what explain and dry runs show.
public struct RuleDecision: Sendable, Equatable {
    public var ruleID: String
    public var ruleVersion: Int
    public var outcome: RuleOutcome
    public var awards: [PlannedAward]
    /// Why awards the rule asked for were not (or not fully) made: limits, missing recipients,
    /// amounts that could not be computed or were not positive.
    public var notes: [String]
    /// True when a count limit stopped the rule: it applied but may not fire, badges included.
    public var limitReached = false
    /// True when an amount limit trimmed (or zeroed) one of the rule's awards.
    public var amountLimited = false
    /// Set by the badge step when one of the rule's `badge` effects earned a badge.
    public var earnedBadge = false
    /// Set by `EventEffects` when one of the rule's `boost`, `tag` or `notify` effects did something.
    public var madeOtherEffect = false

    public var fired: Bool { outcome.applies && (!awards.isEmpty || earnedBadge || madeOtherEffect) }
}

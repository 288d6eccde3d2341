/// How one condition node fared, for explain: passed or not, why in words, the fact value seen
/// (leaves only; nil when missing), and the same for every child.
public struct ConditionTrace: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case all, any, not, leaf }

    /// The JSON path of the node in the rule, e.g. `$.when.all[1]`.
    public let path: String
    public let kind: Kind
    public let passed: Bool
    public let reason: String
    public let fact: FactPath?
    public let seen: FactValue?
    public let children: [ConditionTrace]

    /// The nodes that made this one fail, depth first: the short answer to "why not?". These are
    /// failed leaves under failed `all`/`any` nodes (a failed leaf under a passing `any` is no cause),
    /// or a `not` whose inner condition passed.
    public var failureCauses: [ConditionTrace] {
        guard !passed else { return [] }
        switch kind {
        case .leaf, .not: return [self]
        case .all, .any: return children.flatMap(\.failureCauses)
        }
    }
}

/// What evaluating one rule against one event found.
public struct RuleOutcome: Sendable, Equatable {
    public let ruleID: String
    /// True when the type matches, the window contains the event and the conditions hold.
    public let applies: Bool
    public let typeMatches: Bool
    public let inActiveWindow: Bool
    /// Nil when the rule has no `when`.
    public let conditions: ConditionTrace?
    /// The awards' amounts, in `then` order; computed only when the rule applies.
    public let awards: [AwardOutcome]
    /// Why the rule does or does not apply, in one sentence.
    public let reason: String
}

public struct AwardOutcome: Sendable, Equatable {
    /// The index of the effect in the rule's `then`.
    public let effectIndex: Int
    public let currency: String
    public let to: AwardRecipient
    public let amount: Result<Int64, AmountError>
}

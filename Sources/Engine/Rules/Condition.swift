/// A rule's `when`: a tree of `all` / `any` / `not` nodes over fact comparisons.
public indirect enum Condition: Sendable, Equatable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case leaf(ConditionLeaf)
}

/// `{"fact": "event.amount", "op": "gte", "value": 1000}`, with the value's shape already checked
/// against the operator.
public struct ConditionLeaf: Sendable, Equatable {
    public let fact: FactPath
    public let op: ConditionOperator
    public let value: JSONValue

    public init(fact: FactPath, op: ConditionOperator, value: JSONValue) {
        self.fact = fact
        self.op = op
        self.value = value
    }
}

public enum ConditionOperator: String, Sendable, Equatable, CaseIterable {
    case eq, ne, gt, gte, lt, lte, `in`, nin, contains, exists, between
}

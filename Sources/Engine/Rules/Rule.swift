/// A validated rule: when an event of type `on` happens inside the active window and `when` holds,
/// apply `then`, within `limits`. Built only by `RuleParser`.
public struct Rule: Sendable, Equatable {
    public let id: String
    public let name: String
    public let on: String
    public let when: Condition?
    public let then: [Effect]
    public let limits: [RuleLimit]
    public let active: ActiveWindow
    /// Higher runs first.
    public let priority: Int64
    public let description: String?
}

/// When a rule applies: `from` inclusive, `until` exclusive; either may be open.
public struct ActiveWindow: Sendable, Equatable {
    public let from: Timestamp?
    public let until: Timestamp?

    public init(from: Timestamp? = nil, until: Timestamp? = nil) {
        self.from = from
        self.until = until
    }

    public func contains(_ instant: Timestamp) -> Bool {
        (from.map { $0 <= instant } ?? true) && (until.map { instant < $0 } ?? true)
    }
}

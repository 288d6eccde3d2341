/// A named achievement: earned once or repeatedly, optionally only until `validUntil`, by a rule's
/// `badge` effect or by its own counter criterion ("5 quizzes passed").
public struct Badge: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    /// Whether a member may hold it more than once (once per event at most).
    public var repeatable: Bool
    /// A seasonal badge is not awarded for events after this instant.
    public var validUntil: Timestamp?
    public var criterion: BadgeCriterion?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, name: String, description: String? = nil, repeatable: Bool = false, validUntil: Timestamp? = nil,
        criterion: BadgeCriterion? = nil, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.repeatable = repeatable
        self.validUntil = validUntil
        self.criterion = criterion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether an event at `instant` is still in the badge's season.
    public func isAwardable(at instant: Timestamp) -> Bool {
        validUntil.map { instant <= $0 } ?? true
    }
}

/// Earned when the member's count of `eventType` in `period` (the event itself included) reaches
/// `count`. A repeatable badge is earned again at every further multiple of `count`.
public struct BadgeCriterion: Sendable, Equatable {
    public var eventType: String
    public var count: Int
    public var period: CounterPeriod

    public init(eventType: String, count: Int, period: CounterPeriod = .all) {
        self.eventType = eventType
        self.count = count
        self.period = period
    }
}

/// One badge a member earned: by which event and how (a rule's version, or the badge's criterion).
public struct MemberBadge: Sendable, Equatable {
    public var memberID: String
    public var badgeID: String
    public var eventID: String
    public var earnedAt: Timestamp
    /// The rule whose effect awarded it; nil when the badge's criterion did.
    public var ruleID: String?
    public var ruleVersion: Int?
    /// Set when the event that earned it was reversed; a revoked badge no longer counts as held.
    public var revokedAt: Timestamp?

    public init(
        memberID: String, badgeID: String, eventID: String, earnedAt: Timestamp, ruleID: String? = nil, ruleVersion: Int? = nil,
        revokedAt: Timestamp? = nil
    ) {
        self.memberID = memberID
        self.badgeID = badgeID
        self.eventID = eventID
        self.earnedAt = earnedAt
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.revokedAt = revokedAt
    }

    /// `"criterion"` or the rule id.
    public var by: String { ruleID ?? "criterion" }
}

/// One item of a rule's `then`.
public enum Effect: Sendable, Equatable {
    case award(AwardEffect)
    case badge(String)
    case boost(BoostEffect)
    case notify(NotifyEffect)
    case tag(TagEffect)
    /// Counts the event for a step of a quest, whatever the step's own match says.
    case quest(QuestEffect)
}

public struct AwardEffect: Sendable, Equatable {
    public let currency: String
    public let amount: AmountSpec
    public let to: AwardRecipient
}

/// Who receives an award. A split divides it by integer percents that sum to 100.
public enum AwardRecipient: Sendable, Equatable {
    case member
    case organization
    /// The organization's parent (a distributor above a reseller).
    case parent
    case split(memberPercent: Int64, organizationPercent: Int64)
}

/// A limited-use earning bonus: +`percent` % on the next `uses` events of type `on`.
public struct BoostEffect: Sendable, Equatable {
    public let percent: Int64
    public let on: String
    public let uses: Int64
    public let expiresInDays: Int64
    /// When set, only awards in this currency get the bonus.
    public let currency: String?

    public init(percent: Int64, on: String, uses: Int64, expiresInDays: Int64, currency: String? = nil) {
        self.percent = percent
        self.on = on
        self.uses = uses
        self.expiresInDays = expiresInDays
        self.currency = currency
    }
}

/// A message from an admin template; the other keys of the object are kept as its parameters.
public struct NotifyEffect: Sendable, Equatable {
    public let template: String
    public let parameters: JSONObject
}

/// `{"quest": {"id": "onboarding", "step": "quiz"}}`: a rule that decides, with all its facts and
/// counters, that the event does a quest's step.
public struct QuestEffect: Sendable, Equatable {
    public let quest: String
    public let step: String

    public init(quest: String, step: String) {
        self.quest = quest
        self.step = step
    }
}

public struct TagEffect: Sendable, Equatable {
    public enum Target: String, Sendable, Equatable, CaseIterable { case member, organization }
    public let segment: String
    public let to: Target

    public init(segment: String, to: Target) {
        self.segment = segment
        self.to = to
    }
}

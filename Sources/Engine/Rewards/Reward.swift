/// A catalog item members redeem points for: what it is, what it costs, how many are left, how
/// often one member may take it, who may take it and when.
public struct Reward: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `donation` is made in the member's name.
        case voucher, rebate, service, information, merchandise, donation
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var description: String?
    public var cost: RewardCost
    /// How many are left to redeem; nil is unlimited. A PUT sets it (restocking), a redemption
    /// takes one, a cancellation gives it back.
    public var stock: Int64?
    /// At most this many redemptions per member that are not cancelled; nil is no limit.
    public var perMemberLimit: Int64?
    public var audience: RewardAudience
    /// Kept for tier ladders; not enforced yet.
    public var minTier: RewardMinTier?
    public var activeFrom: Timestamp?
    public var activeUntil: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, name: String, kind: Kind, description: String? = nil, cost: RewardCost, stock: Int64? = nil,
        perMemberLimit: Int64? = nil, audience: RewardAudience = RewardAudience(), minTier: RewardMinTier? = nil,
        activeFrom: Timestamp? = nil, activeUntil: Timestamp? = nil, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.description = description
        self.cost = cost
        self.stock = stock
        self.perMemberLimit = perMemberLimit
        self.audience = audience
        self.minTier = minTier
        self.activeFrom = activeFrom
        self.activeUntil = activeUntil
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var draft: RewardDraft {
        RewardDraft(
            name: name, kind: kind, description: description, cost: cost, stock: stock, perMemberLimit: perMemberLimit,
            audience: audience, minTier: minTier, activeFrom: activeFrom, activeUntil: activeUntil)
    }

    /// Whether `instant` falls in the active window (from inclusive, until exclusive).
    public func isActive(at instant: Timestamp) -> Bool {
        (activeFrom.map { $0 <= instant } ?? true) && (activeUntil.map { instant < $0 } ?? true)
    }
}

public struct RewardCost: Sendable, Equatable {
    public var currency: String
    public var amount: Int64

    public init(currency: String, amount: Int64) {
        self.currency = currency
        self.amount = amount
    }
}

/// Who may redeem: every non-empty list must contain the member's value; empty lists admit all.
public struct RewardAudience: Sendable, Equatable {
    public var roles: [String]
    public var organizationKinds: [String]
    /// Segments of the member's organization.
    public var segments: [String]

    public init(roles: [String] = [], organizationKinds: [String] = [], segments: [String] = []) {
        self.roles = roles
        self.organizationKinds = organizationKinds
        self.segments = segments
    }

    public var isEmpty: Bool { roles.isEmpty && organizationKinds.isEmpty && segments.isEmpty }
}

public struct RewardMinTier: Sendable, Equatable {
    public var ladderID: String
    public var levelID: String

    public init(ladderID: String, levelID: String) {
        self.ladderID = ladderID
        self.levelID = levelID
    }
}

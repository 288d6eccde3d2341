/// Whether a member may redeem a reward now, and if not, every reason why — one pure function, so
/// the catalog's `reasons` and a refused redemption say the same thing.
public struct RewardEligibility: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case inactive
        case outOfStock
        case limitReached(limit: Int64)
        case notInAudience(String)
        case insufficient(needs: Int64, has: Int64, currency: String)
        /// Below the reward's minimum tier: `has` is the member's current level on that ladder.
        case belowTier(ladderID: String, needs: String, has: String)
        /// The minimum tier names a ladder or level that no longer exists: nobody qualifies.
        case tierUnavailable(ladderID: String, levelID: String)

        public var message: String {
            switch self {
            case .inactive: "outside its active window"
            case .outOfStock: "out of stock"
            case .limitReached(let limit): "per-member limit of \(limit) reached"
            case .notInAudience(let why): "not in the audience: \(why)"
            case .insufficient(let needs, let has, let currency): "needs \(needs) \(currency), has \(has)"
            case .belowTier(let ladderID, let needs, let has): "needs tier \(needs) on \(ladderID), member is \(has)"
            case .tierUnavailable(let ladderID, let levelID): "minimum tier \(levelID) on \(ladderID) no longer exists"
            }
        }
    }

    /// What the member is, as far as an audience asks.
    public struct Candidate: Sendable, Equatable {
        public var role: String
        public var organizationKind: String?
        public var segments: [String]
        /// The member's current level id on each member ladder (the first level when none is stored).
        public var tierLevels: [String: String]

        public init(role: String, organizationKind: String?, segments: [String], tierLevels: [String: String] = [:]) {
            self.role = role
            self.organizationKind = organizationKind
            self.segments = segments
            self.tierLevels = tierLevels
        }
    }

    public var reasons: [Reason]
    public var redeemableNow: Bool { reasons.isEmpty }

    /// `redeemed` counts the member's redemptions of this reward that are not cancelled;
    /// `available` is the member's available balance in the reward's currency.
    /// `ladder` is the tier ladder the reward's `min_tier` names (nil when there is none or it was deleted).
    public static func check(
        _ reward: Reward, for candidate: Candidate, available: Int64, redeemed: Int64, ladder: TierLadder? = nil, at: Timestamp
    ) -> RewardEligibility {
        var reasons: [Reason] = []
        if !reward.isActive(at: at) { reasons.append(.inactive) }
        if let stock = reward.stock, stock <= 0 { reasons.append(.outOfStock) }
        if let limit = reward.perMemberLimit, redeemed >= limit { reasons.append(.limitReached(limit: limit)) }
        reasons += audienceReasons(reward.audience, candidate)
        if let minTier = reward.minTier, let reason = tierReason(minTier, ladder: ladder, candidate) { reasons.append(reason) }
        if available < reward.cost.amount {
            reasons.append(.insufficient(needs: reward.cost.amount, has: available, currency: reward.cost.currency))
        }
        return RewardEligibility(reasons: reasons)
    }

    /// Levels compare by their order on the ladder: at or above the minimum qualifies.
    static func tierReason(_ minTier: RewardMinTier, ladder: TierLadder?, _ candidate: Candidate) -> Reason? {
        guard let ladder, ladder.id == minTier.ladderID, let needed = ladder.levels.firstIndex(where: { $0.id == minTier.levelID }) else {
            return .tierUnavailable(ladderID: minTier.ladderID, levelID: minTier.levelID)
        }
        let current = ladder.levelIndex(of: candidate.tierLevels[ladder.id])
        return current >= needed ? nil : .belowTier(ladderID: ladder.id, needs: minTier.levelID, has: ladder.levels[current].id)
    }

    private static func audienceReasons(_ audience: RewardAudience, _ candidate: Candidate) -> [Reason] {
        var reasons: [Reason] = []
        if !audience.roles.isEmpty, !audience.roles.contains(candidate.role) {
            reasons.append(.notInAudience("role \(candidate.role) is not one of \(audience.roles.joined(separator: ", "))"))
        }
        if !audience.organizationKinds.isEmpty, !audience.organizationKinds.contains(candidate.organizationKind ?? "") {
            reasons.append(.notInAudience(
                "organization kind \(candidate.organizationKind ?? "none") is not one of \(audience.organizationKinds.joined(separator: ", "))"))
        }
        if !audience.segments.isEmpty, !audience.segments.contains(where: candidate.segments.contains) {
            reasons.append(.notInAudience("the organization is in none of the segments \(audience.segments.joined(separator: ", "))"))
        }
        return reasons
    }
}

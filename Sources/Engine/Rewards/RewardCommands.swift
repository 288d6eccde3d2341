/// Rewards are program configuration: every key may read them, only admin keys change them.
public enum RewardCommands {
    public static func get(_ id: String, in store: any StoreReader) throws -> Reward {
        try ConfigurationWrites.get(id, load: store.reward(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Reward> {
        try store.rewards(page: page)
    }

    /// The currency must exist and be redeemable: 422 at `$.cost.currency` otherwise.
    public static func put(_ id: String, _ draft: RewardDraft, context: ChangeContext, in store: any StoreWriter) throws -> ConfigurationWrites.Put<Reward> {
        try ConfigurationWrites.requireAdmin(context, Reward.self)
        guard let currency = try store.currency(id: draft.cost.currency) else {
            throw DomainError.unprocessable([ValidationError(path: "$.cost.currency", message: "no such currency: \(draft.cost.currency)")])
        }
        guard currency.redeemable else {
            throw DomainError.unprocessable([ValidationError(
                path: "$.cost.currency", message: "\(currency.id) is not redeemable; it only qualifies tiers")])
        }
        if let minTier = draft.minTier { try validate(minTier, in: store) }
        return try ConfigurationWrites.put(
            id, context: context, in: store, load: store.reward(id:),
            make: { draft.reward(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save)
    }

    /// A minimum tier names a level of an existing member ladder: 422 at the field otherwise. A
    /// ladder changed or deleted later makes the reward unavailable rather than free for all.
    private static func validate(_ minTier: RewardMinTier, in store: any StoreReader) throws {
        guard let ladder = try store.tierLadder(id: minTier.ladderID) else {
            throw DomainError.unprocessable([ValidationError(path: "$.min_tier.ladder_id", message: "no such tier ladder: \(minTier.ladderID)")])
        }
        guard ladder.subject == .member else {
            throw DomainError.unprocessable([ValidationError(
                path: "$.min_tier.ladder_id", message: "\(ladder.id) ranks organizations; a minimum tier needs a member ladder")])
        }
        guard ladder.levels.contains(where: { $0.id == minTier.levelID }) else {
            throw DomainError.unprocessable([ValidationError(
                path: "$.min_tier.level_id",
                message: "\(ladder.id) has no level \(minTier.levelID); its levels are \(ladder.levels.map(\.id).joined(separator: ", "))")])
        }
    }

    /// Redemptions keep their reward id; a deleted reward's pending redemptions can still be
    /// fulfilled or cancelled.
    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(id, context: context, in: store, load: store.reward(id:), remove: store.deleteReward)
    }

    /// A page of the catalog as `memberID` sees it: each reward with `redeemable_now` and, when
    /// false, `reasons`. 404 when the caller may not see the member.
    public static func catalog(
        for memberID: String, page: PageRequest, as principal: Principal, at: Timestamp, in store: any StoreReader
    ) throws -> Page<JSONValue> {
        let member = try MemberCommands.get(memberID, as: principal, in: store).member
        let candidate = try RedemptionCommands.candidate(member, in: store)
        return try store.rewards(page: page).map { reward in
            let eligibility = try RedemptionCommands.eligibility(of: reward, for: member, candidate, at: at, in: store)
            guard case .object(var document) = reward.json else { return reward.json }
            document["redeemable_now"] = .bool(eligibility.redeemableNow)
            if !eligibility.redeemableNow {
                document["reasons"] = .array(eligibility.reasons.map { .string($0.message) })
            }
            return .object(document)
        }
    }
}

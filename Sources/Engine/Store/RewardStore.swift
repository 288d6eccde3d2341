public protocol RewardReader {
    func reward(id: String) throws -> Reward?
    /// Ordered by id.
    func rewards(page: PageRequest) throws -> Page<Reward>
    func redemption(id: String) throws -> Redemption?
    /// Ordered by id.
    func redemptions(_ filter: RedemptionFilter, page: PageRequest) throws -> Page<Redemption>
    /// The member's redemptions of the reward that are not cancelled.
    func redemptionCount(memberID: String, rewardID: String) throws -> Int64
}

public protocol RewardWriter: RewardReader {
    /// Inserts or replaces by id (stock included: a PUT restocks).
    func save(_ reward: Reward) throws
    func deleteReward(id: String) throws
    /// Adds `delta` to a limited reward's stock (nothing for an unlimited one); the schema refuses
    /// a stock below zero.
    func changeStock(rewardID: String, by delta: Int64) throws
    /// Inserts or replaces by id.
    func save(_ redemption: Redemption) throws
}

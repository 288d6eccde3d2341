import Engine

struct InMemoryRewardState: Sendable {
    var rewards: [String: Reward] = [:]
    var redemptions: [String: Redemption] = [:]
}

extension InMemoryTransaction {
    func reward(id: String) throws -> Reward? { state.rewards.rewards[id] }

    func rewards(page request: PageRequest) throws -> Page<Reward> {
        let sorted = state.rewards.rewards.values.sorted { $0.id < $1.id }.filter { $0.id > (request.after ?? "") }
        return Page(fetched: Array(sorted.prefix(request.limit + 1)), limit: request.limit, key: \.id)
    }

    func redemption(id: String) throws -> Redemption? { state.rewards.redemptions[id] }

    func redemptions(_ filter: RedemptionFilter, page request: PageRequest) throws -> Page<Redemption> {
        let matching = state.rewards.redemptions.values.filter { redemption in
            (filter.memberID.map { $0 == redemption.memberID } ?? true) && (filter.status.map { $0 == redemption.status } ?? true)
                && (filter.organizationID.map { state.members[redemption.memberID]?.organizationID == $0 } ?? true)
                && redemption.id > (request.after ?? "")
        }.sorted { $0.id < $1.id }
        return Page(fetched: Array(matching.prefix(request.limit + 1)), limit: request.limit, key: \.id)
    }

    func redemptionCount(memberID: String, rewardID: String) throws -> Int64 {
        Int64(state.rewards.redemptions.values.count {
            $0.memberID == memberID && $0.rewardID == rewardID && $0.status != .cancelled
        })
    }

    func save(_ reward: Reward) throws { state.rewards.rewards[reward.id] = reward }

    func deleteReward(id: String) throws { state.rewards.rewards[id] = nil }

    func changeStock(rewardID: String, by delta: Int64) throws {
        guard let stock = state.rewards.rewards[rewardID]?.stock else { return }
        guard stock + delta >= 0 else { throw InMemoryStoreError(message: "stock below zero") }
        state.rewards.rewards[rewardID]?.stock = stock + delta
    }

    func save(_ redemption: Redemption) throws { state.rewards.redemptions[redemption.id] = redemption }
}

import Engine
import SQLite

extension SQLStore {
    private static let rewardColumns = "id, document, stock, created_at, updated_at"
    private static let redemptionColumns =
        "id, member_id, reward_id, currency, cost, status, code, created_at, fulfilled_at, cancelled_at"

    func reward(id: String) throws -> Reward? {
        try connection.queryOne("SELECT \(Self.rewardColumns) FROM rewards WHERE id = ?", [.text(id)]).map(Self.reward)
    }

    func rewards(page: PageRequest) throws -> Page<Reward> {
        let rows = try connection.query(
            "SELECT \(Self.rewardColumns) FROM rewards WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.reward), limit: page.limit, key: \.id)
    }

    func save(_ reward: Reward) throws {
        var draft = reward.draft
        draft.stock = nil
        try connection.run(
            """
            INSERT INTO rewards (\(Self.rewardColumns)) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document, stock = excluded.stock, updated_at = excluded.updated_at
            """,
            [.text(reward.id), SQLiteValue(json: draft.document), SQLiteValue(reward.stock), SQLiteValue(reward.createdAt),
             SQLiteValue(reward.updatedAt)])
    }

    func deleteReward(id: String) throws {
        try connection.run("DELETE FROM rewards WHERE id = ?", [.text(id)])
    }

    func changeStock(rewardID: String, by delta: Int64) throws {
        try connection.run("UPDATE rewards SET stock = stock + ? WHERE id = ? AND stock IS NOT NULL", [.integer(delta), .text(rewardID)])
    }

    func redemption(id: String) throws -> Redemption? {
        try connection.queryOne("SELECT \(Self.redemptionColumns) FROM redemptions WHERE id = ?", [.text(id)]).map(Self.redemption)
    }

    func redemptions(_ filter: RedemptionFilter, page: PageRequest) throws -> Page<Redemption> {
        var conditions = ["id > ?"]
        var arguments: [SQLiteValue] = [.text(page.after ?? "")]
        if let member = filter.memberID {
            conditions.append("member_id = ?")
            arguments.append(.text(member))
        }
        if let status = filter.status {
            conditions.append("status = ?")
            arguments.append(.text(status.rawValue))
        }
        if let organization = filter.organizationID {
            conditions.append("member_id IN (SELECT id FROM members WHERE organization_id = ?)")
            arguments.append(.text(organization))
        }
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try connection.query(
            "SELECT \(Self.redemptionColumns) FROM redemptions WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT ?", arguments)
        return Page(fetched: try rows.map(Self.redemption), limit: page.limit, key: \.id)
    }

    func redemptionCount(memberID: String, rewardID: String) throws -> Int64 {
        try connection.queryOne(
            "SELECT count(*) AS n FROM redemptions WHERE member_id = ? AND reward_id = ? AND status <> 'cancelled'",
            [.text(memberID), .text(rewardID)]
        )?.int64("n") ?? 0
    }

    func save(_ redemption: Redemption) throws {
        try connection.run(
            """
            INSERT INTO redemptions (\(Self.redemptionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, code = excluded.code,
                fulfilled_at = excluded.fulfilled_at, cancelled_at = excluded.cancelled_at
            """,
            [.text(redemption.id), .text(redemption.memberID), .text(redemption.rewardID), .text(redemption.currency),
             .integer(redemption.cost), .text(redemption.status.rawValue), SQLiteValue(redemption.code),
             SQLiteValue(redemption.createdAt), SQLiteValue(redemption.fulfilledAt), SQLiteValue(redemption.cancelledAt)])
    }

    private static func reward(_ row: SQLiteRow) throws -> Reward {
        let id = try row.requiredString("id")
        guard let document = try row.json("document"), let draft = try? RewardDraft.parse(document, id: id) else {
            throw StorageError.corrupt("reward \(id) document")
        }
        var reward = draft.reward(id: id, createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
        reward.stock = row.int64("stock")
        return reward
    }

    private static func redemption(_ row: SQLiteRow) throws -> Redemption {
        let id = try row.requiredString("id")
        guard let status = row.string("status").flatMap(Redemption.Status.init(rawValue:)), let cost = row.int64("cost") else {
            throw StorageError.corrupt("redemption \(id)")
        }
        return Redemption(
            id: id, memberID: try row.requiredString("member_id"), rewardID: try row.requiredString("reward_id"),
            currency: try row.requiredString("currency"), cost: cost, status: status, code: row.string("code"),
            createdAt: try row.timestamp("created_at"), fulfilledAt: row.optionalTimestamp("fulfilled_at"),
            cancelledAt: row.optionalTimestamp("cancelled_at"))
    }
}

/// Aggregates for program analytics over `[from, until)`; each one query over the stored history.
public protocol AnalyticsReader {
    /// Distinct members with an event, and distinct organizations with an event (their own or a member's).
    func activeCounts(from: Timestamp, until: Timestamp) throws -> (members: Int, organizations: Int)
    /// Members and organizations with status active now.
    func activeRecordCounts() throws -> (members: Int, organizations: Int)
    /// Per currency: issued (earn and credit adjustments, less reversals), redeemed (settled and
    /// spent), expired.
    func pointFlows(from: Timestamp, until: Timestamp) throws -> [String: PointFlows]
    /// Members per tier level now, by ladder and level (members with no stored level are on the first).
    func tierLevels() throws -> [(ladderID: String, levelID: String, holders: Int)]
    /// Level changes in the range, by ladder and new level.
    func tierMovements(from: Timestamp, until: Timestamp) throws -> [(ladderID: String, levelID: String, changes: Int)]
    /// Badges earned in the range and not revoked, by badge.
    func badgesAwarded(from: Timestamp, until: Timestamp) throws -> [(badgeID: String, count: Int)]
    /// Per quest: members enrolled in the range, how many of them did each step, and completed.
    func questFunnels(from: Timestamp, until: Timestamp) throws -> [QuestFunnel]
    /// Goal levels reached in the range, by goal and level.
    func goalAttainment(from: Timestamp, until: Timestamp) throws -> [(goalID: String, levelID: String, subjects: Int)]
    /// The metric summed per quarter hour (`slot` = ms since 1970 / 900 000) in the range; points
    /// metrics in `currency`.
    func timeseries(_ metric: Timeseries.Metric, currency: String?, from: Timestamp, until: Timestamp) throws -> [(slot: Int64, value: Int64)]
    /// Per member enrolled in the quest whose `days` after completing (or, not completed, after
    /// joining) end before `until`: the metric — the count of `eventType` events, or the sum of
    /// their `property` — in those days and in the `days` before.
    func questLiftRows(questID: String, eventType: String, property: String?, days: Int64, until: Timestamp) throws -> [QuestLift.Row]
    /// Rules by points they awarded in the range (less reversals), most first.
    func topRules(from: Timestamp, until: Timestamp, limit: Int) throws -> [(ruleID: String, currency: String, amount: Int64)]
}

public struct PointFlows: Sendable, Equatable {
    public var issued: Int64 = 0
    public var redeemed: Int64 = 0
    public var expired: Int64 = 0

    public init(issued: Int64 = 0, redeemed: Int64 = 0, expired: Int64 = 0) {
        self.issued = issued
        self.redeemed = redeemed
        self.expired = expired
    }
}

public struct QuestFunnel: Sendable, Equatable {
    public var questID: String
    public var enrolled: Int
    public var steps: [String: Int]
    public var completed: Int

    public init(questID: String, enrolled: Int, steps: [String: Int], completed: Int) {
        self.questID = questID
        self.enrolled = enrolled
        self.steps = steps
        self.completed = completed
    }
}

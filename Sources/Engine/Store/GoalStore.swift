public protocol GoalReader {
    func goal(id: String) throws -> Goal?
    /// Ordered by id.
    func goals(page: PageRequest) throws -> Page<Goal>
    /// The levels a subject reached on a goal, newest period first, at most `limit`.
    func goalAchievements(goalID: String, subjectID: String, limit: Int) throws -> [GoalAchievement]
}

public protocol GoalWriter: GoalReader {
    /// Inserts or replaces by id.
    func save(_ goal: Goal) throws
    func deleteGoal(id: String) throws
    /// Records a level reached; false (and nothing written) when it was recorded already.
    func insert(_ achievement: GoalAchievement) throws -> Bool
}

/// A level of a goal a subject reached in one period: rewarded once, when recorded.
public struct GoalAchievement: Sendable, Equatable {
    public var goalID: String
    public var subjectID: String
    public var period: String
    public var levelID: String
    public var total: Int64
    public var reachedAt: Timestamp
    /// The subject's organization, for the feed (the subject itself for organization goals).
    public var organizationID: String?

    public init(goalID: String, subjectID: String, period: String, levelID: String, total: Int64, reachedAt: Timestamp, organizationID: String? = nil) {
        self.goalID = goalID
        self.subjectID = subjectID
        self.period = period
        self.levelID = levelID
        self.total = total
        self.reachedAt = reachedAt
        self.organizationID = organizationID
    }
}

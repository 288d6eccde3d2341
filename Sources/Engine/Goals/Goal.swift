/// A periodic target with levels (most reach the first, few the last), for members or
/// organizations: each level reached in a period is rewarded once for that period. A level's
/// target is a number, or — with `targetAttribute` — a percentage of the subject's own target.
public struct Goal: Sendable, Equatable {
    public enum Subject: String, Sendable, Hashable, CaseIterable {
        case member, organization
    }

    public struct Level: Sendable, Equatable {
        public var id: String
        /// The total to reach, or with `targetAttribute` the percentage of the subject's target.
        public var target: Int64
        public var badge: String?
        public var award: (currency: String, amount: Int64)?

        public init(id: String, target: Int64, badge: String? = nil, award: (currency: String, amount: Int64)? = nil) {
            self.id = id
            self.target = target
            self.badge = badge
            self.award = award
        }

        public static func == (lhs: Level, rhs: Level) -> Bool {
            lhs.id == rhs.id && lhs.target == rhs.target && lhs.badge == rhs.badge
                && lhs.award?.currency == rhs.award?.currency && lhs.award?.amount == rhs.award?.amount
        }
    }

    public var id: String
    public var name: String
    public var description: String?
    public var subject: Subject
    public var metric: LeaderboardMetric
    public var period: CounterPeriod
    public var levels: [Level]
    /// A numeric attribute of the subject holding its own target; levels are then percentages of it.
    public var targetAttribute: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, name: String, description: String? = nil, subject: Subject, metric: LeaderboardMetric, period: CounterPeriod,
        levels: [Level], targetAttribute: String? = nil, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.subject = subject
        self.metric = metric
        self.period = period
        self.levels = levels
        self.targetAttribute = targetAttribute
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Its totals among the boards kept in memory.
    var boardKey: LeaderboardBoardKey { .goal(id) }

    /// The totals a goal needs, kept like a board's: same metric, subject and period.
    var board: Leaderboard {
        Leaderboard(
            id: id, name: name, subject: subject == .member ? .member : .organization, metric: metric, period: period,
            createdAt: createdAt, updatedAt: updatedAt)
    }

    /// Each level's target for a subject whose own target is `subjectTarget` (nil: the goal has none,
    /// or the subject has no positive one, and then only fixed targets apply).
    public func targets(subjectTarget: Int64?) -> [Int64]? {
        guard targetAttribute != nil else { return levels.map(\.target) }
        guard let subjectTarget, subjectTarget > 0 else { return nil }
        return levels.map { subjectTarget.multipliedClamped($0.target) / 100 }
    }
}

extension Goal: ConfigurationObject {
    public static let kind = "goal"
    public static let kindPlural = "goals"

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("name", .string(name)), ("description", description.map(JSONValue.string) ?? .null),
            ("subject", .string(subject.rawValue)), ("metric", metric.json), ("period", .string(period.rawValue)),
            ("target_attribute", targetAttribute.map(JSONValue.string) ?? .null),
            ("levels", .array(levels.map { level in
                .object(JSONObject([
                    (targetAttribute == nil ? "target" : "percent", .int(level.target)), ("id", .string(level.id)),
                    ("badge", level.badge.map(JSONValue.string) ?? .null),
                    ("award", level.award.map { .object(JSONObject([("currency", .string($0.currency)), ("amount", .int($0.amount))])) } ?? .null),
                ]))
            })),
            ("created_at", .string(createdAt.rfc3339)), ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

/// A ranking of members, teams or organizations by one metric over a period, in the program's
/// time zone, optionally split into partitions that compete separately and narrowed by filters.
public struct Leaderboard: Sendable, Equatable {
    public enum Subject: String, Sendable, Hashable, CaseIterable {
        case member, team, organization
    }

    public var id: String
    public var name: String
    public var description: String?
    public var subject: Subject
    public var metric: LeaderboardMetric
    public var period: CounterPeriod
    public var partition: LeaderboardPartition?
    /// Only subjects whose fields match every filter are ranked.
    public var filters: [LeaderboardFilter]
    /// What the top of each partition gets when a period closes.
    public var prizes: [LeaderboardPrize]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, name: String, description: String? = nil, subject: Subject, metric: LeaderboardMetric,
        period: CounterPeriod, partition: LeaderboardPartition? = nil, filters: [LeaderboardFilter] = [],
        prizes: [LeaderboardPrize] = [], createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.prizes = prizes
        self.id = id
        self.name = name
        self.description = description
        self.subject = subject
        self.metric = metric
        self.period = period
        self.partition = partition
        self.filters = filters
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a board counts. Scores are integers; an average or a percentage is kept scaled
/// (`scale`) so that ranking stays exact, and shown as a decimal.
public struct LeaderboardMetric: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// What subjects earned in a currency: awards and credit adjustments, less their reversals.
        case currency(String)
        /// How many events of a type, less the reversed ones.
        case eventCount(type: String)
        /// The sum of a numeric property of events of a type (integer part), less the reversed ones.
        case propertySum(type: String, property: String)
    }

    public enum Aggregate: String, Sendable, Hashable, CaseIterable {
        /// The total of the subject (for a team or organization, of its members).
        case sum
        /// The total divided by the subject's current member count: fair to small firms.
        case average
    }

    public var source: Source
    public var aggregate: Aggregate
    /// Member boards: the score is the total as a percentage of the member's own target, read from
    /// this numeric member attribute (members without a positive target are not ranked).
    public var targetAttribute: String?

    public init(source: Source, aggregate: Aggregate = .sum, targetAttribute: String? = nil) {
        self.source = source
        self.aggregate = aggregate
        self.targetAttribute = targetAttribute
    }

    /// Averages and percentages keep two decimals.
    public static let scale: Int64 = 100

    public var isScaled: Bool { aggregate == .average || targetAttribute != nil }

    /// A currency the metric names that does not exist, at `$.metric.currency`.
    func problems(in store: any StoreReader) throws -> [ValidationError] {
        guard case .currency(let currency) = source, try store.currency(id: currency) == nil else { return [] }
        return [ValidationError(path: "$.metric.currency", message: "no such currency: \(currency)")]
    }

    /// The event type whose events count, for event metrics.
    public var eventType: String? {
        switch source {
        case .currency: nil
        case .eventCount(let type), .propertySum(let type, _): type
        }
    }
}

/// The field whose value splits a board into partitions that compete separately.
public enum LeaderboardPartition: String, Sendable, Hashable, CaseIterable {
    /// The subject's level on its tier ladder (members: the member's; organizations: the organization's).
    case tier
    /// The organization's segments (an organization in two segments competes in both).
    case segment
    /// The member's role (member boards).
    case role
    /// The organization's kind.
    case organizationKind = "organization_kind"
    /// The organization's member count, in bands: 1-9, 10-49, 50-249, 250+.
    case organizationSize = "organization_size"

    /// Which of these a board of `subject` can use.
    public func applies(to subject: Leaderboard.Subject) -> Bool {
        switch self {
        case .role: subject == .member
        case .tier: subject != .team
        case .segment, .organizationKind, .organizationSize: true
        }
    }

    public static func sizeBand(memberCount: Int) -> String {
        switch memberCount {
        case ..<10: "1-9"
        case ..<50: "10-49"
        case ..<250: "50-249"
        default: "250+"
        }
    }
}

/// A subject is ranked only when its field's value is one of `values` (for segments: when any of
/// its segments is).
public struct LeaderboardFilter: Sendable, Hashable {
    public var field: LeaderboardPartition
    public var values: [String]

    public init(field: LeaderboardPartition, values: [String]) {
        self.field = field
        self.values = values
    }
}

/// A prize for the subjects ranked `top` or better (ties included) when a period closes: a badge
/// (member boards) and/or an award in a currency, to the member or organization ranked.
public struct LeaderboardPrize: Sendable, Hashable {
    public var top: Int
    public var badge: String?
    public var award: (currency: String, amount: Int64)?

    public init(top: Int, badge: String? = nil, award: (currency: String, amount: Int64)? = nil) {
        self.top = top
        self.badge = badge
        self.award = award
    }

    public static func == (lhs: LeaderboardPrize, rhs: LeaderboardPrize) -> Bool {
        lhs.top == rhs.top && lhs.badge == rhs.badge && lhs.award?.currency == rhs.award?.currency && lhs.award?.amount == rhs.award?.amount
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(top)
        hasher.combine(badge)
        hasher.combine(award?.currency)
        hasher.combine(award?.amount)
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("top", .int(Int64(top))), ("badge", badge.map(JSONValue.string) ?? .null),
            ("award", award.map { .object(JSONObject([("currency", .string($0.currency)), ("amount", .int($0.amount))])) } ?? .null),
        ]))
    }
}

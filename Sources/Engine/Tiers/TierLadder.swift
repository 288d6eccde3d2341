/// Ordered levels for members or organizations, qualifying on what the subject earned in one
/// currency within a window. Upgrades happen at once (`TierKeeper`); downgrades only at review.
public struct TierLadder: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var subject: TierSubject
    public var currency: String
    public var window: TierWindow
    /// At least two, thresholds strictly increasing, the first at 0.
    public var levels: [TierLevel]
    public var downgrade: TierDowngrade
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, name: String? = nil, subject: TierSubject, currency: String, window: TierWindow, levels: [TierLevel],
        downgrade: TierDowngrade = TierDowngrade(), createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.subject = subject
        self.currency = currency
        self.window = window
        self.levels = levels
        self.downgrade = downgrade
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The index of the highest level whose threshold the amount reaches (0 when none: the first
    /// level's threshold is 0, so a negative amount after reversals still lands there). For
    /// ladders whose levels are all thresholds; `levelIndex(measured:)` is the general form.
    public func levelIndex(qualifying amount: Int64) -> Int {
        levelIndex(measured: [thresholdMeasure: amount])
    }

    /// The measure thresholds are read against: the ladder's currency earned in its window.
    public var thresholdMeasure: TierCriterion.Measure { .earned(currency: currency, window: window) }

    /// What a level needs: its criteria, or its threshold as one criterion on `thresholdMeasure`.
    public func requirements(of level: TierLevel) -> [TierCriterion] {
        level.criteria.isEmpty ? [TierCriterion(thresholdMeasure, min: level.threshold)] : level.criteria
    }

    /// Every measure some level of the ladder asks about, in first-mentioned order.
    public var measures: [TierCriterion.Measure] {
        var seen: Set<TierCriterion.Measure> = []
        return levels.flatMap { requirements(of: $0).map(\.measure) }.filter { seen.insert($0).inserted }
    }

    /// The index of the highest level whose every requirement holds for `measured` (a missing
    /// measure counts as 0). The first level always qualifies: validation keeps it at threshold 0.
    public func levelIndex(measured: [TierCriterion.Measure: Int64]) -> Int {
        levels.indices.last { index in
            index == 0 || requirements(of: levels[index]).allSatisfy { $0.isMet(by: measured[$0.measure] ?? 0) }
        } ?? 0
    }

    /// The index of a stored level id; a level removed since counts as the first.
    public func levelIndex(of levelID: String?) -> Int {
        levelID.flatMap { id in levels.firstIndex { $0.id == id } } ?? 0
    }
}

public enum TierSubject: String, Sendable, Equatable, CaseIterable {
    case member, organization

    public init(_ holder: LedgerHolder) {
        switch holder {
        case .member: self = .member
        case .organization: self = .organization
        }
    }
}

public struct TierLevel: Sendable, Equatable {
    public var id: String
    /// The ladder's currency earned in its window needed for this level; used when `criteria` is
    /// empty (0 then for a level that has criteria).
    public var threshold: Int64
    /// Several requirements that must all hold, instead of `threshold`.
    public var criteria: [TierCriterion]
    public var benefits: TierBenefits

    public init(id: String, threshold: Int64, criteria: [TierCriterion] = [], benefits: TierBenefits = TierBenefits()) {
        self.id = id
        self.threshold = threshold
        self.criteria = criteria
        self.benefits = benefits
    }
}

public struct TierBenefits: Sendable, Equatable {
    /// The earning multiplier in thousandths (1.25 → 1250), exact; nil means none (×1).
    public var multiplierPerMille: Int64?
    public var list: [String]

    public init(multiplierPerMille: Int64? = nil, list: [String] = []) {
        self.multiplierPerMille = multiplierPerMille
        self.list = list
    }
}

public struct TierDowngrade: Sendable, Equatable {
    public enum Policy: String, Sendable, Equatable, CaseIterable {
        case never
        case atReview = "at_review"
    }

    public var policy: Policy
    public var graceDays: Int
    /// When reviews happen (policy `at_review`): at the end of each calendar year by default.
    public var review: TierReviewPeriod

    public init(policy: Policy = .never, graceDays: Int = 0, review: TierReviewPeriod = .year) {
        self.policy = policy
        self.graceDays = graceDays
        self.review = review
    }
}

/// Which earnings qualify: all of them, those of the current calendar year (UTC), or those of the
/// last N days ending with the instant asked about.
public enum TierWindow: Sendable, Hashable {
    case lifetime
    case calendarYear
    case rollingDays(Int)

    public static let rollingDaysRange = 1...730

    public init?(rawValue: String) {
        switch rawValue {
        case "lifetime": self = .lifetime
        case "calendar_year": self = .calendarYear
        default:
            guard rawValue.hasPrefix("rolling_"), rawValue.hasSuffix("d"),
                  let days = Int(rawValue.dropFirst("rolling_".count).dropLast()), Self.rollingDaysRange.contains(days),
                  rawValue == "rolling_\(days)d"
            else { return nil }
            self = .rollingDays(days)
        }
    }

    public var rawValue: String {
        switch self {
        case .lifetime: "lifetime"
        case .calendarYear: "calendar_year"
        case .rollingDays(let days): "rolling_\(days)d"
        }
    }

    /// The half-open window `[from, until)` that qualifies at `instant`; `from` nil means no start.
    /// `calendar_year` starts at local midnight of 1 January in the program's time zone.
    public func bounds(at instant: Timestamp, in zone: ProgramTimeZone) -> (from: Timestamp?, until: Timestamp) {
        let until = instant.adding(milliseconds: 1)
        switch self {
        case .lifetime:
            return (nil, until)
        case .calendarYear:
            return (CalendarWindow.containing(instant, period: .year, in: zone).start, until)
        case .rollingDays(let days):
            return (instant.adding(milliseconds: 1 - Int64(days) * 86_400_000), until)
        }
    }
}

/// The level a member or organization holds on one ladder, and since when.
public struct TierState: Sendable, Equatable {
    public var holder: LedgerHolder
    public var ladderID: String
    public var levelID: String
    public var since: Timestamp

    public init(holder: LedgerHolder, ladderID: String, levelID: String, since: Timestamp) {
        self.holder = holder
        self.ladderID = ladderID
        self.levelID = levelID
        self.since = since
    }
}

/// Exact integer multiplication by a per-mille factor, rounded down (amounts are never negative).
public enum TierMultiplier {
    public static let perMilleRange: ClosedRange<Int64> = 1_000...10_000

    public static func apply(_ perMille: Int64, to amount: Int64) -> Int64 {
        precondition(perMilleRange.contains(perMille) && amount >= 0, "multiplier or amount out of range")
        return amount.multipliedReportingOverflow(by: perMille).overflow ? .max : amount * perMille / 1_000
    }

    /// `1250` → `1.25`, for documents.
    public static func json(_ perMille: Int64) -> JSONValue {
        perMille % 1_000 == 0 ? .int(perMille / 1_000) : .double(Double(perMille) / 1_000)
    }
}

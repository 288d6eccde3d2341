/// Where a holder stands on one ladder: its level and since when, progress per criterion to the
/// next level ("1 200 credits and 1 certification to Gold"), what keeping the current level needs
/// at the next review, and the review's own state (at risk until, past downgrades).
public struct TierStanding: Sendable, Equatable {
    public static let changesMax = 10

    public var ladder: TierLadder
    public var state: TierState?
    /// The holder's value of every measure the ladder asks about.
    public var measured: [TierCriterion.Measure: Int64]
    public var watch: TierWatch?
    public var changes: [TierChange] = []
    /// nil for policy `never`.
    public var nextReviewAt: Timestamp?

    public init(ladder: TierLadder, state: TierState?, measured: [TierCriterion.Measure: Int64]) {
        self.ladder = ladder
        self.state = state
        self.measured = measured
    }

    /// A ladder of thresholds: only the ladder's own currency and window are measured.
    public init(ladder: TierLadder, state: TierState?, qualifying: Int64) {
        self.init(ladder: ladder, state: state, measured: [ladder.thresholdMeasure: qualifying])
    }

    /// The ladder's currency earned in its window.
    public var qualifying: Int64 { measured[ladder.thresholdMeasure] ?? 0 }

    public var level: TierLevel { ladder.levels[ladder.levelIndex(of: state?.levelID)] }

    /// The level above the held one and how much more of the ladder's currency it needs (0 when
    /// its criteria ask for none); nil at the top.
    public var next: (level: TierLevel, needed: Int64)? {
        let index = ladder.levelIndex(of: state?.levelID) + 1
        guard index < ladder.levels.count else { return nil }
        let level = ladder.levels[index]
        let needed = ladder.requirements(of: level).filter { $0.measure == ladder.thresholdMeasure }
            .map { $0.missing(from: qualifying) }.max() ?? 0
        return (level, needed)
    }

    /// Each requirement of `level` with the holder's value and what is missing.
    public func progress(_ level: TierLevel) -> [JSONValue] {
        ladder.requirements(of: level).map { $0.progressJSON(value: measured[$0.measure] ?? 0) }
    }

    public var json: JSONValue {
        let held = level
        return .object(JSONObject([
            ("ladder_id", .string(ladder.id)),
            ("level", .string(held.id)),
            ("since", state.map { .string($0.since.rfc3339) } ?? .null),
            ("qualifying_amount", .int(qualifying)),
            ("currency", .string(ladder.currency)),
            ("window", .string(ladder.window.rawValue)),
            ("next", next.map { next in
                .object(JSONObject([
                    ("level", .string(next.level.id)), ("threshold", .int(next.level.threshold)), ("needed", .int(next.needed)),
                    ("criteria", .array(progress(next.level))),
                ]))
            } ?? .null),
            ("keep", keepJSON(held)),
            ("next_review_at", nextReviewAt.map { .string($0.rfc3339) } ?? .null),
            ("at_risk_until", watch.map { .string($0.atRiskUntil.rfc3339) } ?? .null),
            ("changes", .array(changes.map(\.json))),
            ("benefits", held.benefits.json),
        ]))
    }

    /// What the next review asks to keep the held level; the first level is always kept.
    private func keepJSON(_ held: TierLevel) -> JSONValue {
        let isFirst = ladder.levelIndex(of: state?.levelID) == 0
        let criteria = isFirst ? [] : progress(held)
        let met = ladder.requirements(of: held).allSatisfy { $0.isMet(by: measured[$0.measure] ?? 0) }
        return .object(JSONObject([
            ("level", .string(held.id)),
            ("policy", .string(ladder.downgrade.policy.rawValue)),
            ("met", .bool(isFirst || met)),
            ("criteria", .array(criteria)),
        ]))
    }
}

/// The review's decisions, pure. A review at instant R (the start of the next month, quarter or
/// year) measures each holder over the window ending just before R, i.e. over the period being
/// reviewed. Grace is counted from the review: a holder short at R keeps its level until
/// R + grace days; then it is moved down to the better of the levels it qualified for at R and at
/// that moment, unless it has meanwhile changed level (an upgrade ends the watch). With no grace
/// days the downgrade happens at R. Policy `never` never downgrades. A downgrade moves to the level
/// qualified for, never below it, and never raises a level (upgrades belong to event processing).
public enum TierReview {
    public enum Verdict: Sendable, Equatable {
        case keep
        /// Keep the level until `until`, then decide again (`settle`).
        case watch(until: Timestamp)
        case downgrade(toIndex: Int)
    }

    /// The instant reviews measure at: the last millisecond of the reviewed period.
    public static func measuredAt(review: Timestamp) -> Timestamp { review.adding(milliseconds: -1) }

    /// At the review: a holder at `heldIndex` that qualified for `qualifiedIndex`.
    public static func review(heldIndex: Int, qualifiedIndex: Int, downgrade: TierDowngrade, reviewAt: Timestamp) -> Verdict {
        guard downgrade.policy == .atReview, qualifiedIndex < heldIndex else { return .keep }
        guard downgrade.graceDays > 0 else { return .downgrade(toIndex: qualifiedIndex) }
        return .watch(until: reviewAt.adding(milliseconds: Int64(downgrade.graceDays) * 86_400_000))
    }

    /// When the grace ends: `heldIndex` is the level held now, `watchedIndex` the one held at the
    /// review; the holder requalifies with either measurement.
    public static func settle(heldIndex: Int, watchedIndex: Int, reviewQualifiedIndex: Int, nowQualifiedIndex: Int) -> Verdict {
        guard heldIndex == watchedIndex else { return .keep }
        let target = max(reviewQualifiedIndex, nowQualifiedIndex)
        return target < heldIndex ? .downgrade(toIndex: target) : .keep
    }
}

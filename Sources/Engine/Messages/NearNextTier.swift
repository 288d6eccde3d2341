/// "1,200 credits to Gold": whether an event's awards brought a member into the last stretch to
/// its next level — the last `sharePercent` of the way from its level's threshold to the next one
/// — on ladders of plain thresholds. Told once per crossing: only the event that crosses in says so.
enum NearNextTier {
    static let sharePercent: Int64 = 20

    struct Crossing: Equatable {
        var tier: String
        var nextTier: String
        var remaining: Int64
    }

    /// `after` is what the member has earned for the ladder now, `awarded` what this event added.
    static func crossing(on ladder: TierLadder, heldIndex: Int, after: Int64, awarded: Int64) -> Crossing? {
        guard ladder.levels.allSatisfy({ $0.criteria.isEmpty }), heldIndex + 1 < ladder.levels.count, awarded > 0 else { return nil }
        let held = ladder.levels[heldIndex], next = ladder.levels[heldIndex + 1]
        let gap = next.threshold - held.threshold
        guard gap > 0 else { return nil }
        let stretchStart = next.threshold - gap * sharePercent / 100
        let before = after - awarded
        guard before < stretchStart, after >= stretchStart, after < next.threshold else { return nil }
        return Crossing(tier: held.id, nextTier: next.id, remaining: next.threshold - after)
    }
}

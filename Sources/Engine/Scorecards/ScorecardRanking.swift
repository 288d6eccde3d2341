import Foundation

/// Suppliers under one template, ranked by the lower confidence bound of their overall score, so
/// that one lucky rating does not top the ranking: the Wilson lower bound (one-sided 95 %) of the
/// score as a share of 100, over the effective number of interactions (decay weights counted by
/// Kish's formula) plus the prior's weight.
public struct ScorecardRanking: Sendable {
    public struct Entry: Sendable {
        public var rank: Int
        public var scorecard: Scorecard
        public var lowerBound: Double
    }

    public var template: ScorecardTemplate
    public var entries: [Entry]

    public static let z = 1.645

    /// Wilson's lower bound of a share `p` (0…1) observed over `n` trials; 0 without any.
    public static func wilsonLowerBound(_ p: Double, n: Double) -> Double {
        guard n > 0 else { return 0 }
        let z2 = z * z
        let centre = p + z2 / (2 * n)
        let spread = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return max(0, (centre - spread) / (1 + z2 / n))
    }

    /// The score a ranking orders by, 0–100.
    public static func lowerBound(of card: Scorecard) -> Double {
        guard let overall = card.overall else { return 0 }
        let n = card.effectiveCount + Double(card.template.prior?.weight ?? 0)
        return wilsonLowerBound(min(1, max(0, overall / 100)), n: n) * 100
    }

    /// The scorecards best first: by lower bound, equal bounds by overall score, then by id.
    public static func ordered(_ template: ScorecardTemplate, cards: [Scorecard]) -> ScorecardRanking {
        let sorted = cards.map { ($0, lowerBound(of: $0)) }.sorted { lhs, rhs in
            if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
            if lhs.0.overall != rhs.0.overall { return (lhs.0.overall ?? 0) > (rhs.0.overall ?? 0) }
            return lhs.0.supplierID < rhs.0.supplierID
        }
        return ScorecardRanking(
            template: template, entries: sorted.enumerated().map { Entry(rank: $0.offset + 1, scorecard: $0.element.0, lowerBound: $0.element.1) })
    }

    /// Every supplier with an interaction in the template's window at `now`, read from the store
    /// (period snapshots; reads go through `ScorecardIndex`).
    public static func rank(_ template: ScorecardTemplate, now: Timestamp, in store: any StoreReader) throws -> ScorecardRanking {
        let interactions = try store.interactions(templateID: template.id, completedFrom: now.adding(milliseconds: -template.windowDays * 86_400_000))
        let cards = Dictionary(grouping: interactions, by: \.supplierID).map { supplierID, interactions in
            Scorecard.compute(template, supplierID: supplierID, interactions: interactions, now: now)
        }
        return ordered(template, cards: cards.filter { $0.interactions > 0 })
    }

    /// The share of `peers` ranked below `rank`, in percent (100: above everyone else).
    public static func percentile(rank: Int, peers: Int) -> Double {
        peers > 1 ? Double(peers - rank) / Double(peers - 1) * 100 : 100
    }

    /// Rank among the peers and the share of them ranked below.
    public func standing(of supplierID: String) -> (rank: Int, peers: Int, percentile: Double)? {
        guard let entry = entries.first(where: { $0.scorecard.supplierID == supplierID }) else { return nil }
        return (entry.rank, entries.count, Self.percentile(rank: entry.rank, peers: entries.count))
    }
}

import Foundation

/// Suppliers under one template, ranked by the lower confidence bound of their overall score, so
/// that one lucky rating does not top the ranking: the Wilson lower bound (one-sided 95 %) of the
/// score as a share of 100, over the effective number of interactions (decay weights counted by
/// Kish's formula) plus the prior's weight.
public struct ScorecardRanking: Sendable {
    /// What a ranking shows of a supplier; its full scorecard is read on its own.
    public struct Entry: Sendable, Equatable {
        /// 0 until ranked.
        public var rank: Int
        public var supplierID: String
        public var overall: Double?
        public var band: ScorecardTemplate.Band?
        public var interactions: Int
        public var provisional: Bool
        public var lowerBound: Double

        public init(of card: Scorecard) {
            self.init(
                supplierID: card.supplierID, overall: card.overall, band: card.band, interactions: card.interactions,
                provisional: card.provisional, lowerBound: ScorecardRanking.lowerBound(of: card))
        }

        init(supplierID: String, overall: Double?, band: ScorecardTemplate.Band?, interactions: Int, provisional: Bool, lowerBound: Double) {
            self.rank = 0
            self.supplierID = supplierID
            self.overall = overall
            self.band = band
            self.interactions = interactions
            self.provisional = provisional
            self.lowerBound = lowerBound
        }
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
        lowerBound(overall: card.overall, effectiveCount: card.effectiveCount, template: card.template)
    }

    static func lowerBound(overall: Double?, effectiveCount: Double, template: ScorecardTemplate) -> Double {
        guard let overall else { return 0 }
        let n = effectiveCount + Double(template.prior?.weight ?? 0)
        return wilsonLowerBound(min(1, max(0, overall / 100)), n: n) * 100
    }

    /// The entries best first, ranked: by lower bound, equal bounds by overall score, then by id.
    public static func ordered(_ template: ScorecardTemplate, entries: [Entry]) -> ScorecardRanking {
        var sorted = entries.sorted { lhs, rhs in
            if lhs.lowerBound != rhs.lowerBound { return lhs.lowerBound > rhs.lowerBound }
            if lhs.overall != rhs.overall { return (lhs.overall ?? 0) > (rhs.overall ?? 0) }
            return lhs.supplierID < rhs.supplierID
        }
        for index in sorted.indices { sorted[index].rank = index + 1 }
        return ScorecardRanking(template: template, entries: sorted)
    }

    /// The scorecard of every supplier with an interaction in the template's window at `now`,
    /// read from the store (period snapshots; reads go through `ScorecardIndex`).
    public static func cards(_ template: ScorecardTemplate, now: Timestamp, in store: any StoreReader) throws -> [Scorecard] {
        let interactions = try store.interactions(templateID: template.id, completedFrom: now.adding(milliseconds: -template.windowDays * 86_400_000))
        return Dictionary(grouping: interactions, by: \.supplierID).map { supplierID, interactions in
            Scorecard.compute(template, supplierID: supplierID, interactions: interactions, now: now)
        }.filter { $0.interactions > 0 }
    }

    /// The ranking of `cards`.
    public static func ordered(_ template: ScorecardTemplate, cards: [Scorecard]) -> ScorecardRanking {
        ordered(template, entries: cards.map(Entry.init(of:)))
    }

    /// The share of `peers` ranked below `rank`, in percent (100: above everyone else).
    public static func percentile(rank: Int, peers: Int) -> Double {
        peers > 1 ? Double(peers - rank) / Double(peers - 1) * 100 : 100
    }

    /// Rank among the peers and the share of them ranked below.
    public func standing(of supplierID: String) -> (rank: Int, peers: Int, percentile: Double)? {
        guard let entry = entries.first(where: { $0.supplierID == supplierID }) else { return nil }
        return (entry.rank, entries.count, Self.percentile(rank: entry.rank, peers: entries.count))
    }
}

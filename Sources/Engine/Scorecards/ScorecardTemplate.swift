/// How a buyer scores its suppliers from the interactions they deliver: KPIs, each a value mapped
/// linearly onto 0–100 between its floor and its target and weighted into an overall score; a
/// rolling window with time decay; a prior so that a few interactions neither top nor sink the
/// ranking; and standing bands covering 0–100, each with a renewal recommendation.
public struct ScorecardTemplate: Sendable, Equatable {
    public struct KPI: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            /// Completed by the due time; each interaction scores by the lateness curve (100 on time).
            case onTime = "on_time"
            /// Hours from start (or due) to completion, against a target number of hours.
            case duration
            /// A 1–5 rating on a named dimension, as 0–100 (1 → 0, 5 → 100).
            case rating
            /// The share of interactions carrying a flag, in percent (e.g. defects).
            case rate
        }

        public var id: String
        public var kind: Kind
        public var weight: Int64
        /// The value that scores 100, and the one that scores 0; a floor above the target means
        /// lower is better (hours, defect rates).
        public var target: Int64
        public var floor: Int64
        /// rating: the dimension rated.
        public var dimension: String?
        /// rate: the flag counted.
        public var flag: String?
        /// on_time: the score of an interaction by hours late, as points joined by straight lines
        /// from (0 hours, 100); empty: any lateness scores 0.
        public var lateness: [LatenessPoint]

        /// The KPI's score for a value: 100 at the target or better, 0 at the floor or worse,
        /// linear between.
        public func score(_ value: Double) -> Double {
            let span = Double(target - floor)
            guard span != 0 else { return value >= Double(target) ? 100 : 0 }
            return min(100, max(0, (value - Double(floor)) / span * 100))
        }
    }

    /// A point of the lateness curve: this many hours late scores this much (0–100).
    public struct LatenessPoint: Sendable, Equatable {
        public var hoursLate: Int64
        public var score: Int64

        public init(hoursLate: Int64, score: Int64) {
            self.hoursLate = hoursLate
            self.score = score
        }
    }

    /// The standings, highest `min` first; the last one starts at 0.
    public struct Band: Sendable, Equatable {
        public enum Recommendation: String, Sendable, CaseIterable {
            case expand, renew
            case renewWithImprovementPlan = "renew_with_improvement_plan"
            case reTender = "re_tender"
        }

        public var id: String
        public var min: Int64
        public var recommendation: Recommendation
    }

    /// What a supplier with few interactions is pulled towards: `mean` with the weight of `weight`
    /// interactions.
    public struct Prior: Sendable, Equatable {
        public var mean: Int64
        public var weight: Int64
    }

    public var id: String
    public var name: String
    public var description: String?
    public var kpis: [KPI]
    public var windowDays: Int64
    /// Nil: every interaction in the window counts the same.
    public var halfLifeDays: Int64?
    public var prior: Prior?
    /// Below this many interactions a scorecard is `provisional`.
    public var minInteractions: Int64
    public var bands: [Band]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    /// The band an overall score falls in.
    public func band(for score: Double) -> Band? {
        bands.first { score >= Double($0.min) } ?? bands.last
    }

    /// The score of an interaction `hoursLate` hours late on the curve: 100 on time, then straight
    /// lines from (0 hours, 100) through the curve's points, and its last score beyond them.
    public static func lateness(_ curve: [LatenessPoint], hoursLate: Double) -> Double {
        guard hoursLate > 0 else { return 100 }
        var from = LatenessPoint(hoursLate: 0, score: 100)
        for to in curve {
            if hoursLate <= Double(to.hoursLate) {
                let share = (hoursLate - Double(from.hoursLate)) / Double(to.hoursLate - from.hoursLate)
                return Double(from.score) + share * Double(to.score - from.score)
            }
            from = to
        }
        return curve.isEmpty ? 0 : Double(from.score)
    }
}

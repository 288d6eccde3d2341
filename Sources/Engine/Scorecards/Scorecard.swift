import Foundation

/// A supplier's standing under a template, computed from its interactions in the window: each
/// KPI's value (a decay-weighted mean of what the interactions say), its score from floor to
/// target, pulled towards the prior by the prior's weight in interactions; the overall score as
/// the KPIs' weighted mean; its band and renewal recommendation; and `provisional` below the
/// template's minimum count.
public struct Scorecard: Sendable, Equatable {
    /// One interaction's value on a KPI and the score it gets, for "pulled down by".
    public struct Sample: Sendable, Equatable {
        public var id: String
        public var reference: String?
        public var value: Double
        public var score: Double
    }

    public struct KPIResult: Sendable, Equatable {
        public var kpi: ScorecardTemplate.KPI
        /// Decay-weighted mean of the samples; nil without any.
        public var value: Double?
        public var sampleSize: Int
        /// From the value alone, and after the prior; nil without samples or prior.
        public var rawScore: Double?
        public var score: Double?
        /// The interactions that scored lowest on it (at most `pulledDownMax`, below the target only).
        public var pulledDownBy: [Sample] = []

        public var belowTarget: Bool { (score ?? 0) < 100 }
    }

    public var template: ScorecardTemplate
    public var supplierID: String
    public var interactions: Int
    public var kpis: [KPIResult]
    /// Nil when no KPI has a score (no interactions and no prior).
    public var overall: Double?
    public var band: ScorecardTemplate.Band?
    public var provisional: Bool
    /// Kish's effective number of interactions under decay, for the confidence bound.
    public var effectiveCount: Double

    static let pulledDownMax = 3

    /// The band above, and how many points the overall score needs to reach it.
    public var nextBand: (band: ScorecardTemplate.Band, gap: Double)? {
        guard let overall, let band, let index = template.bands.firstIndex(of: band), index > 0 else { return nil }
        let next = template.bands[index - 1]
        return (next, Double(next.min) - overall)
    }

    /// Weight of an interaction completed at `completedAt`, seen at `now`: 1, halved every half-life.
    static func decay(_ template: ScorecardTemplate, completedAt: Timestamp, now: Timestamp) -> Double {
        guard let halfLife = template.halfLifeDays else { return 1 }
        let ageDays = max(0, Double(now.millisecondsSinceEpoch - completedAt.millisecondsSinceEpoch) / 86_400_000)
        return pow(0.5, ageDays / Double(halfLife))
    }

    /// `interactions` are the supplier's counted ones under this template; those completed before
    /// the window (or after `now`) are left out.
    public static func compute(_ template: ScorecardTemplate, supplierID: String, interactions: [Interaction], now: Timestamp) -> Scorecard {
        ScorecardSums(template, interactions: interactions, now: now).scorecard(template, supplierID: supplierID, now: now)
    }

    public static func == (lhs: Scorecard, rhs: Scorecard) -> Bool {
        lhs.template == rhs.template && lhs.supplierID == rhs.supplierID && lhs.interactions == rhs.interactions && lhs.kpis == rhs.kpis
            && lhs.overall == rhs.overall && lhs.band == rhs.band && lhs.provisional == rhs.provisional
            && lhs.effectiveCount == rhs.effectiveCount
    }
}

extension Scorecard {
    /// `value` with one decimal, as `rounded` shows it (String(format:) cost a reason a few µs).
    static func tenths(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let tenths = Int64((value * 10).rounded())
        let whole = tenths.magnitude / 10
        return (tenths < 0 ? "-" : "") + "\(whole).\(tenths.magnitude % 10)"
    }

    /// Scores are shown with one decimal.
    static func rounded(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .double((value * 10).rounded() / 10)
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("supplier_id", .string(supplierID)), ("template_id", .string(template.id)), ("interactions", .int(Int64(interactions))),
            ("provisional", .bool(provisional)), ("overall", Self.rounded(overall)),
            ("band", band.map { .string($0.id) } ?? .null), ("recommendation", band.map { .string($0.recommendation.rawValue) } ?? .null),
            ("next_band", nextBand.map { .object(JSONObject([("id", .string($0.band.id)), ("gap", Self.rounded($0.gap))])) } ?? .null),
            ("kpis", .array(kpis.map { result in
                .object(JSONObject([
                    ("id", .string(result.kpi.id)), ("kind", .string(result.kpi.kind.rawValue)), ("weight", .int(result.kpi.weight)),
                    ("value", Self.rounded(result.value)), ("target", .int(result.kpi.target)), ("floor", .int(result.kpi.floor)),
                    ("sample_size", .int(Int64(result.sampleSize))), ("raw_score", Self.rounded(result.rawScore)),
                    ("score", Self.rounded(result.score)), ("below_target", .bool(result.belowTarget)),
                    ("pulled_down_by", .array(result.pulledDownBy.map { sample in
                        .object(JSONObject([
                            ("interaction_id", .string(sample.id)), ("reference", .optional(sample.reference)),
                            ("value", Self.rounded(sample.value)), ("score", Self.rounded(sample.score)),
                        ]))
                    })),
                ]))
            })),
            ("reasons", .array(reasons.map(JSONValue.string))),
        ]))
    }

    /// Why the recommendation is what it is, in words.
    public var reasons: [String] {
        var reasons: [String] = []
        if let overall, let band {
            reasons.append("overall \(Self.tenths(overall)) is in band \(band.id) (from \(band.min)): \(band.recommendation.rawValue)")
        }
        for result in kpis where result.belowTarget && result.sampleSize > 0 {
            reasons.append("\(result.kpi.id) scores \(Self.tenths(result.score ?? 0)), below its target of \(result.kpi.target)")
        }
        if provisional { reasons.append("provisional: \(interactions) of \(template.minInteractions) interactions needed") }
        return reasons
    }
}

import Foundation

/// A supplier's standing under a template, computed from its interactions in the window: each
/// KPI's value (a decay-weighted mean of what the interactions say), its score from floor to
/// target, pulled towards the prior by the prior's weight in interactions; the overall score as
/// the KPIs' weighted mean; its band and renewal recommendation; and `provisional` below the
/// template's minimum count.
public struct Scorecard: Sendable, Equatable {
    public struct KPIResult: Sendable, Equatable {
        public var kpi: ScorecardTemplate.KPI
        /// Decay-weighted mean of the samples; nil without any.
        public var value: Double?
        public var sampleSize: Int
        /// From the value alone, and after the prior; nil without samples or prior.
        public var rawScore: Double?
        public var score: Double?
        /// The interactions that scored lowest on it (at most `pulledDownMax`, below the target only).
        public var pulledDownBy: [(id: String, reference: String?, value: Double, score: Double)] = []

        public static func == (lhs: KPIResult, rhs: KPIResult) -> Bool {
            lhs.kpi == rhs.kpi && lhs.value == rhs.value && lhs.sampleSize == rhs.sampleSize && lhs.rawScore == rhs.rawScore
                && lhs.score == rhs.score && lhs.pulledDownBy.map(\.id) == rhs.pulledDownBy.map(\.id)
        }

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
    /// Each counted interaction's own score and decay weight, for the confidence bound.
    public var interactionScores: [(score: Double, weight: Double)] = []

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

    /// `interactions` are the supplier's under this template; those completed before the window
    /// (or after `now`) are left out.
    public static func compute(_ template: ScorecardTemplate, supplierID: String, interactions: [Interaction], now: Timestamp) -> Scorecard {
        let windowStart = now.adding(milliseconds: -template.windowDays * 86_400_000)
        let counted = interactions.filter { $0.completedAt >= windowStart && $0.completedAt <= now }
        let weights = counted.map { decay(template, completedAt: $0.completedAt, now: now) }
        let results = template.kpis.map { kpi -> KPIResult in
            var total = 0.0
            var weight = 0.0
            var size = 0
            var below: [(id: String, reference: String?, value: Double, score: Double)] = []
            for (interaction, w) in zip(counted, weights) {
                guard let sample = interaction.sample(of: kpi) else { continue }
                total += w * sample
                weight += w
                size += 1
                let score = kpi.score(sample)
                if score < 100 { below.append((interaction.id, interaction.reference, sample, score)) }
            }
            let pulledDownBy = Array(below.sorted { ($0.score, $0.id) < ($1.score, $1.id) }.prefix(pulledDownMax))
            let value = weight > 0 ? total / weight : nil
            let raw = value.map(kpi.score)
            let score: Double?
            switch (raw, template.prior) {
            case (let raw?, let prior?): score = (Double(prior.weight * prior.mean) + weight * raw) / (Double(prior.weight) + weight)
            case (let raw?, nil): score = raw
            case (nil, let prior?): score = Double(prior.mean)
            case (nil, nil): score = nil
            }
            return KPIResult(kpi: kpi, value: value, sampleSize: size, rawScore: raw, score: score, pulledDownBy: pulledDownBy)
        }
        let scored = results.filter { $0.score != nil }
        let weightSum = scored.reduce(0) { $0 + $1.kpi.weight }
        let overall = weightSum > 0 ? scored.reduce(0.0) { $0 + Double($1.kpi.weight) * ($1.score ?? 0) } / Double(weightSum) : nil
        let interactionScores = zip(counted, weights).compactMap { interaction, weight -> (score: Double, weight: Double)? in
            let own = template.kpis.compactMap { kpi in interaction.sample(of: kpi).map { (kpi.weight, kpi.score($0)) } }
            let total = own.reduce(0) { $0 + $1.0 }
            return total > 0 ? (own.reduce(0.0) { $0 + Double($1.0) * $1.1 } / Double(total), weight) : nil
        }
        return Scorecard(
            template: template, supplierID: supplierID, interactions: counted.count, kpis: results, overall: overall,
            band: overall.map(template.band(for:)) ?? nil, provisional: counted.count < Int(template.minInteractions),
            interactionScores: interactionScores)
    }

    public static func == (lhs: Scorecard, rhs: Scorecard) -> Bool {
        lhs.template == rhs.template && lhs.supplierID == rhs.supplierID && lhs.interactions == rhs.interactions && lhs.kpis == rhs.kpis
            && lhs.overall == rhs.overall && lhs.band == rhs.band && lhs.provisional == rhs.provisional
            && lhs.interactionScores.map(\.score) == rhs.interactionScores.map(\.score)
    }
}

extension Scorecard {
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
            reasons.append("overall \(String(format: "%.1f", overall)) is in band \(band.id) (from \(band.min)): \(band.recommendation.rawValue)")
        }
        for result in kpis where result.belowTarget && result.sampleSize > 0 {
            reasons.append("\(result.kpi.id) scores \(String(format: "%.1f", result.score ?? 0)), below its target of \(result.kpi.target)")
        }
        if provisional { reasons.append("provisional: \(interactions) of \(template.minInteractions) interactions needed") }
        return reasons
    }
}

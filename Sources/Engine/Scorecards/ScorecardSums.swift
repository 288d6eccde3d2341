import Foundation

/// What a supplier's counted interactions in a template's window add up to, kept so that its
/// scorecard at a later moment costs a few multiplications instead of a pass over every
/// interaction. A decay weight at `now` is 0.5^((now − t)/h) = 0.5^((now − computedAt)/h) ·
/// 0.5^((computedAt − t)/h): the second factor is what is summed, the first is applied when read.
/// Means and the effective count do not depend on it at all; only the pull of the prior does.
///
/// The sums hold while the set of interactions in the window stays the same: from `computedAt`
/// until the oldest one leaves the window or one completed in the future comes due (`validUntil`).
public struct ScorecardSums: Sendable {
    struct KPISums: Sendable {
        /// Σ weight · sample, and Σ weight, weights as of `computedAt`.
        var weightedTotal = 0.0
        var weight = 0.0
        var size = 0
        /// The lowest-scoring samples below target so far, lowest first (then by interaction id),
        /// at most `Scorecard.pulledDownMax`: kept bounded as samples come, never sorted whole.
        var pulledDownBy: [Scorecard.Sample] = []

        mutating func notePulledDown(by interaction: ScoredInteraction, value: Double, score: Double) {
            let precedes = { (sample: Scorecard.Sample) in (score, interaction.id) < (sample.score, sample.id) }
            if pulledDownBy.count == Scorecard.pulledDownMax {
                guard let last = pulledDownBy.last, precedes(last) else { return }
                pulledDownBy.removeLast()
            }
            let position = pulledDownBy.firstIndex(where: precedes) ?? pulledDownBy.endIndex
            pulledDownBy.insert(Scorecard.Sample(id: interaction.id, reference: interaction.reference, value: value, score: score), at: position)
        }
    }

    var kpis: [KPISums]
    /// Interactions in the window.
    var interactions = 0
    /// Σ weight and Σ weight² over the interactions that have a score of their own (Kish's
    /// effective count for the confidence bound).
    var scoredWeight = 0.0
    var scoredSquares = 0.0
    public private(set) var computedAt: Timestamp
    public private(set) var validUntil: Timestamp

    /// Over `interactions` (the supplier's counted ones under `template`, in any order); those
    /// outside the window at `now` are left out.
    public init(_ template: ScorecardTemplate, interactions: some Sequence<Interaction>, now: Timestamp) {
        self.init(template, scored: interactions.lazy.map { ScoredInteraction($0, template: template) }, now: now)
    }

    /// Over interactions already reduced to their samples under `template`.
    public init(_ template: ScorecardTemplate, scored interactions: some Sequence<ScoredInteraction>, now: Timestamp) {
        self.init(template, now: now)
        for interaction in interactions { add(interaction, template: template) }
    }

    /// Over no interaction yet: `add` each.
    public init(_ template: ScorecardTemplate, now: Timestamp) {
        computedAt = now
        validUntil = Timestamp(millisecondsSinceEpoch: .max)
        kpis = Array(repeating: KPISums(), count: template.kpis.count)
    }

    /// Counts one more of the supplier's interactions under `template` (the template the sums
    /// were started with), unless it is outside the window at `computedAt`.
    public mutating func add(_ interaction: ScoredInteraction, template: ScorecardTemplate) {
        let window = template.windowDays * 86_400_000
        guard interaction.completedAt <= computedAt else {
            validUntil = min(validUntil, interaction.completedAt)
            return
        }
        guard interaction.completedAt >= computedAt.adding(milliseconds: -window) else { return }
        // It leaves the window once `now` passes completion + window.
        validUntil = min(validUntil, interaction.completedAt.adding(milliseconds: window + 1))
        interactions += 1
        let weight = Scorecard.decay(template, completedAt: interaction.completedAt, now: computedAt)
        var ownWeight: Int64 = 0
        // By index, the KPIs read in place: copying each out costs a retain per string it holds.
        for index in template.kpis.indices {
            guard let sample = interaction.samples[index] else { continue }
            kpis[index].weightedTotal += weight * sample
            kpis[index].weight += weight
            kpis[index].size += 1
            let score = template.kpis[index].score(sample)
            if score < 100 { kpis[index].notePulledDown(by: interaction, value: sample, score: score) }
            ownWeight += template.kpis[index].weight
        }
        if ownWeight > 0 {
            scoredWeight += weight
            scoredSquares += weight * weight
        }
    }

    /// Whether the same interactions are in the window at `now`.
    public func holds(at now: Timestamp) -> Bool {
        now >= computedAt && now < validUntil
    }

    /// Kish's effective number of interactions: (Σw)² / Σw², 0 without any.
    var effectiveCount: Double {
        scoredSquares > 0 ? scoredWeight * scoredWeight / scoredSquares : 0
    }

    /// The scorecard at `now`, which the sums must hold at.
    public func scorecard(_ template: ScorecardTemplate, supplierID: String, now: Timestamp) -> Scorecard {
        let decayed = decay(template, now: now)
        let results = zip(template.kpis, kpis).map { kpi, sums -> Scorecard.KPIResult in
            let (value, raw, score) = Self.score(kpi, sums, prior: template.prior, decayed: decayed)
            return Scorecard.KPIResult(kpi: kpi, value: value, sampleSize: sums.size, rawScore: raw, score: score, pulledDownBy: sums.pulledDownBy)
        }
        let scored = results.filter { $0.score != nil }
        let weightSum = scored.reduce(0) { $0 + $1.kpi.weight }
        let overall = weightSum > 0 ? scored.reduce(0.0) { $0 + Double($1.kpi.weight) * ($1.score ?? 0) } / Double(weightSum) : nil
        return Scorecard(
            template: template, supplierID: supplierID, interactions: interactions, kpis: results, overall: overall,
            band: overall.map(template.band(for:)) ?? nil, provisional: interactions < Int(template.minInteractions),
            effectiveCount: effectiveCount)
    }

    /// What a ranking shows of the supplier at `now` (as `ScorecardRanking.Entry(of: scorecard(…))`),
    /// without building the KPI details: a ranking reads every supplier's on every read.
    public func entry(_ template: ScorecardTemplate, supplierID: String, now: Timestamp) -> ScorecardRanking.Entry {
        let decayed = decay(template, now: now)
        var weighted = 0.0
        var weightSum: Int64 = 0
        for (kpi, sums) in zip(template.kpis, kpis) {
            guard let score = Self.score(kpi, sums, prior: template.prior, decayed: decayed).score else { continue }
            weighted += Double(kpi.weight) * score
            weightSum += kpi.weight
        }
        let overall = weightSum > 0 ? weighted / Double(weightSum) : nil
        return ScorecardRanking.Entry(
            supplierID: supplierID, overall: overall, band: overall.map(template.band(for:)) ?? nil, interactions: interactions,
            provisional: interactions < Int(template.minInteractions),
            lowerBound: ScorecardRanking.lowerBound(overall: overall, effectiveCount: effectiveCount, template: template))
    }

    /// The factor the weights summed at `computedAt` have decayed by at `now`.
    private func decay(_ template: ScorecardTemplate, now: Timestamp) -> Double {
        precondition(now >= computedAt, "decay sums are read forwards in time only")
        return Scorecard.decay(template, completedAt: computedAt, now: now)
    }

    /// A KPI's value (the weighted mean of its samples), its score from the value alone, and its
    /// score pulled towards the prior by the prior's weight against the samples' decayed weight.
    private static func score(
        _ kpi: ScorecardTemplate.KPI, _ sums: KPISums, prior: ScorecardTemplate.Prior?, decayed: Double
    ) -> (value: Double?, raw: Double?, score: Double?) {
        let value = sums.weight > 0 ? sums.weightedTotal / sums.weight : nil
        let raw = value.map(kpi.score)
        let weight = sums.weight * decayed
        switch (raw, prior) {
        case (let raw?, let prior?): return (value, raw, (Double(prior.weight * prior.mean) + weight * raw) / (Double(prior.weight) + weight))
        case (let raw?, nil): return (value, raw, raw)
        case (nil, let prior?): return (value, nil, Double(prior.mean))
        case (nil, nil): return (value, nil, nil)
        }
    }
}

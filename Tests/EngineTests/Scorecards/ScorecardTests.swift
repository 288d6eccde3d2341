import Testing
@testable import Engine

/// The scorecard's formulas against hand-computed examples.
struct ScorecardTests {
    static let now = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    static func template(halfLife: Int? = nil, prior: String? = #"{"mean": 50, "weight": 2}"#) throws -> ScorecardTemplate {
        var text = #"""
            {"name": "t", "window_days": 30, "min_interactions": 3,
             "kpis": [{"id": "time", "kind": "on_time", "weight": 40, "target": 90, "lateness": [{"hours_late": 24, "score": 50}, {"hours_late": 72, "score": 0}]},
                      {"id": "service", "kind": "rating", "dimension": "service", "weight": 60, "target": 80}],
             "bands": [{"id": "preferred", "min": 85}, {"id": "approved", "min": 70}, {"id": "at_risk", "min": 50}, {"id": "probation", "min": 0}]
            """#
        if let halfLife { text += #", "half_life_days": \#(halfLife)"# }
        if let prior { text += #", "prior": \#(prior)"# }
        return try ScorecardTemplateDraft.parse(try JSONParser.parse(text + "}"), id: "t").template(id: "t", createdAt: now, updatedAt: now)
    }

    static func interaction(_ id: String, ageDays: Int64 = 0, hoursLate: Int64? = nil, service: Int64? = nil) -> Interaction {
        let completed = now.adding(milliseconds: -ageDays * day)
        return Interaction(
            id: id, supplierID: "alpha", templateID: "t", dueAt: hoursLate.map { completed.adding(milliseconds: -$0 * hour) },
            completedAt: completed, ratings: service.map { ["service": $0] } ?? [:], recordedAt: completed)
    }

    @Test func kpisAreMeansScoredFromFloorToTargetThenPulledTowardsThePrior() throws {
        let card = Scorecard.compute(
            try Self.template(), supplierID: "alpha",
            interactions: [Self.interaction("a", hoursLate: 0, service: 5), Self.interaction("b", hoursLate: 12, service: 3)], now: Self.now)
        // time: samples 100 (on time) and 75 (12 h late on the curve) → 87.5 → 87.5 / 90 → 97.22; with the prior (2 × 50): 73.61.
        // service: samples 100 (5) and 50 (3) → 75 → 75 / 80 → 93.75; with the prior: 71.875.
        let time = try #require(card.kpis.first { $0.kpi.id == "time" })
        let service = try #require(card.kpis.first { $0.kpi.id == "service" })
        #expect(time.value == 87.5 && abs((time.rawScore ?? 0) - 97.2222) < 0.001 && abs((time.score ?? 0) - 73.6111) < 0.001)
        #expect(service.value == 75 && service.rawScore == 93.75 && service.score == 71.875)
        // overall: (40 × 73.611 + 60 × 71.875) / 100 = 72.569 → approved, 12.43 short of preferred, provisional (2 of 3).
        #expect(abs((card.overall ?? 0) - 72.5694) < 0.001)
        #expect(card.band?.id == "approved" && card.band?.recommendation == .renew && card.provisional)
        #expect(card.nextBand?.band.id == "preferred" && abs((card.nextBand?.gap ?? 0) - 12.4306) < 0.001)
    }

    @Test func olderInteractionsWeighLessByTheHalfLifeAndTheWindowEndsThem() throws {
        let template = try Self.template(halfLife: 10, prior: nil)
        let card = Scorecard.compute(template, supplierID: "alpha", interactions: [
            Self.interaction("new", service: 5), Self.interaction("older", ageDays: 10, service: 1), Self.interaction("gone", ageDays: 31, service: 1),
        ], now: Self.now)
        // (1 × 100 + 0.5 × 0) / 1.5 = 66.67; the 31-day-old one is outside the 30-day window.
        let service = try #require(card.kpis.first { $0.kpi.id == "service" })
        #expect(abs((service.value ?? 0) - 66.6667) < 0.001 && service.sampleSize == 2 && card.interactions == 2)
    }

    @Test func withoutInteractionsThePriorIsTheScoreAndWithoutEitherThereIsNone() throws {
        let withPrior = Scorecard.compute(try Self.template(), supplierID: "alpha", interactions: [], now: Self.now)
        #expect(withPrior.overall == 50 && withPrior.band?.id == "at_risk" && withPrior.provisional)
        let bare = Scorecard.compute(try Self.template(prior: nil), supplierID: "alpha", interactions: [], now: Self.now)
        #expect(bare.overall == nil && bare.band == nil)
    }

    @Test func reasonsShowScoresWithOneDecimalAsTheJSONRoundsThem() {
        let cases: [(Double, String)] = [(94.44, "94.4"), (87.25, "87.3"), (100, "100.0"), (0, "0.0"), (0.04, "0.0"), (-0.05, "-0.1"), (62.5, "62.5")]
        for (value, shown) in cases {
            #expect(Scorecard.tenths(value) == shown, "\(value)")
            #expect(Scorecard.rounded(value) == .double(Double(shown)!), "\(value)")
        }
    }
}

struct ScorecardRankingTests {
    @Test func wilsonsLowerBoundMatchesHandComputedValues() {
        // p = 0.8, n = 4, z = 1.645: (0.8 + 0.33825 − 1.645 × √(0.04 + 0.042283)) / 1.6765 = 0.39748
        #expect(abs(ScorecardRanking.wilsonLowerBound(0.8, n: 4) - 0.39748) < 0.0001)
        // p = 0.8, n = 100: 0.72669
        #expect(abs(ScorecardRanking.wilsonLowerBound(0.8, n: 100) - 0.72669) < 0.0001)
        // one perfect rating: 1 / (1 + 2.706) = 0.26983
        #expect(abs(ScorecardRanking.wilsonLowerBound(1, n: 1) - 0.26983) < 0.0001)
        #expect(ScorecardRanking.wilsonLowerBound(0.9, n: 0) == 0)
    }

    @Test func oneLuckyRatingDoesNotTopSteadyWork() throws {
        let template = try ScorecardTests.template(prior: nil)
        let lucky = Scorecard.compute(template, supplierID: "lucky", interactions: [ScorecardTests.interaction("l", service: 5)], now: ScorecardTests.now)
        let steady = Scorecard.compute(
            template, supplierID: "steady",
            interactions: (0..<20).map { ScorecardTests.interaction("s\($0)", service: 4) }, now: ScorecardTests.now)
        #expect((lucky.overall ?? 0) > (steady.overall ?? 0), "the lucky one has the higher mean")
        #expect(ScorecardRanking.lowerBound(of: steady) > ScorecardRanking.lowerBound(of: lucky), "but the steady one ranks higher")
    }
}

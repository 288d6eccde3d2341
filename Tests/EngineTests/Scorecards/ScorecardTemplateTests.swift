import Testing
@testable import Engine

struct ScorecardTemplateTests {
    static let times = (Timestamp(millisecondsSinceEpoch: 1), Timestamp(millisecondsSinceEpoch: 2))
    /// DESIGN.md's example, bands without recommendations.
    static let legal = #"""
        {"name": "Legal suppliers", "window_days": 365, "half_life_days": 90,
         "kpis": [{"id": "time", "kind": "on_time", "weight": 40, "target": 90},
                  {"id": "service", "kind": "rating", "dimension": "service", "weight": 30, "target": 80},
                  {"id": "quality", "kind": "rating", "dimension": "quality", "weight": 30, "target": 80}],
         "bands": [{"id": "preferred", "min": 85}, {"id": "approved", "min": 70},
                   {"id": "at_risk", "min": 50}, {"id": "probation", "min": 0}]}
        """#

    static func template(_ text: String) throws -> ScorecardTemplate {
        try ScorecardTemplateDraft.parse(try JSONParser.parse(text), id: "t").template(id: "t", createdAt: times.0, updatedAt: times.1)
    }

    @Test func designsExampleIsAcceptedAndItsBandsGetTheLaddersRecommendations() throws {
        let template = try Self.template(Self.legal)
        #expect(template.bands.map(\.recommendation) == [.expand, .renew, .renewWithImprovementPlan, .reTender])
        #expect(template.minInteractions == 5 && template.prior == nil && template.halfLifeDays == 90)
        let again = try ScorecardTemplateDraft.parse(template.definition, id: "t").template(id: "t", createdAt: Self.times.0, updatedAt: Self.times.1)
        #expect(again == template)
    }

    @Test func aKPIScoresLinearlyFromItsFloorToItsTarget() throws {
        let template = try Self.template(#"""
            {"name": "x", "window_days": 90, "bands": [{"id": "all", "min": 0}],
             "kpis": [{"id": "time", "kind": "on_time", "weight": 1, "target": 90, "floor": 50},
                      {"id": "defects", "kind": "rate", "flag": "defect", "weight": 1, "target": 2, "floor": 10},
                      {"id": "speed", "kind": "duration", "weight": 1, "target": 48, "floor": 120}]}
            """#)
        let (time, defects, speed) = (template.kpis[0], template.kpis[1], template.kpis[2])
        #expect(time.score(70) == 50 && time.score(95) == 100 && time.score(40) == 0 && time.score(90) == 100)
        #expect(defects.score(6) == 50 && defects.score(1) == 100 && defects.score(12) == 0, "above the target is better when lower")
        #expect(speed.score(84) == 50 && speed.score(24) == 100 && speed.score(200) == 0)
    }

    @Test func latenessFollowsItsCurveFromOnTime() {
        let curve = [ScorecardTemplate.LatenessPoint(hoursLate: 24, score: 50), .init(hoursLate: 72, score: 0)]
        #expect(ScorecardTemplate.lateness(curve, hoursLate: -5) == 100)
        #expect(ScorecardTemplate.lateness(curve, hoursLate: 12) == 75)
        #expect(ScorecardTemplate.lateness(curve, hoursLate: 24) == 50)
        #expect(ScorecardTemplate.lateness(curve, hoursLate: 48) == 25)
        #expect(ScorecardTemplate.lateness(curve, hoursLate: 500) == 0)
        #expect(ScorecardTemplate.lateness([], hoursLate: 0.5) == 0, "without a curve any lateness scores 0")
    }

    @Test func aScoreFallsInExactlyOneBand() throws {
        let template = try Self.template(Self.legal)
        #expect(template.band(for: 85)?.id == "preferred" && template.band(for: 84.9)?.id == "approved")
        #expect(template.band(for: 50)?.id == "at_risk" && template.band(for: 0)?.id == "probation")
    }

    @Test func everyProblemIsReportedWithItsPath() {
        let found = paths {
            _ = try ScorecardTemplateDraft.parse(try JSONParser.parse(#"""
                {"name": "x", "window_days": 0, "prior": {"mean": 120},
                 "kpis": [{"id": "a", "kind": "speed", "weight": 1, "target": 5},
                          {"id": "b", "kind": "duration", "weight": 1, "target": 48},
                          {"id": "c", "kind": "rating", "weight": 0, "target": 80, "flag": "x"},
                          {"id": "d", "kind": "on_time", "weight": 1, "target": 90, "floor": 90,
                           "lateness": [{"hours_late": 24, "score": 50}, {"hours_late": 12, "score": 60}]}],
                 "bands": [{"id": "top", "min": 70, "recommendation": "promote"}, {"id": "low", "min": 80}]}
                """#), id: "t")
        }
        #expect(found.sorted() == [
            "$.bands[0].recommendation", "$.bands[1].min", "$.bands[1].min", "$.kpis[0].kind", "$.kpis[1].floor", "$.kpis[2].dimension",
            "$.kpis[2].flag", "$.kpis[2].weight", "$.kpis[3].floor", "$.kpis[3].lateness[1].hours_late", "$.kpis[3].lateness[1].score",
            "$.prior.mean", "$.prior.weight", "$.window_days",
        ])
    }
}

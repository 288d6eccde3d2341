import Engine
import Testing

@Suite struct BadgeDraftTests {
    @Test func theDesignExampleParses() throws {
        let draft = try BadgeDraft.parse(["name": "First deal", "repeatable": false], id: "first-deal")
        #expect(draft == BadgeDraft(name: "First deal"))
    }

    @Test func aSeasonalCriterionBadgeParsesAndPeriodDefaultsToAll() throws {
        let draft = try BadgeDraft.parse(
            ["name": "Quiz master", "description": "Five quizzes", "repeatable": true, "valid_until": "2026-12-31T23:59:59Z",
             "criterion": ["event_type": "quiz.passed", "count": 5]], id: "quiz-master")
        #expect(draft.criterion == BadgeCriterion(eventType: "quiz.passed", count: 5, period: .all))
        #expect(draft.validUntil == RFC3339.parse("2026-12-31T23:59:59Z"))
        #expect(draft.repeatable && draft.description == "Five quizzes")
        let monthly = try BadgeDraft.parse(["name": "Q", "criterion": ["event_type": "quiz.passed", "count": 3, "period": "rolling_30d"]], id: "q")
        #expect(monthly.criterion?.period == .rolling30Days)
    }

    @Test func everyProblemIsReportedWithItsPath() {
        #expect(paths { _ = try BadgeDraft.parse(["repeatable": "no", "valid_until": "tomorrow", "zz": 1], id: "b") }.sorted()
            == ["$.name", "$.repeatable", "$.valid_until", "$.zz"])
        #expect(paths { _ = try BadgeDraft.parse(["id": "other", "name": "B"], id: "b") } == ["$.id"])
    }

    @Test func criterionShapesAreCheckedAtTheLimitAndOnePast() {
        func criterionPaths(_ criterion: JSONValue) -> [String] {
            paths { _ = try BadgeDraft.parse(["name": "B", "criterion": criterion], id: "b") }.sorted()
        }
        #expect(criterionPaths(["event_type": "quiz.passed", "count": 10_000]) == [])
        #expect(criterionPaths(["event_type": "quiz.passed", "count": 10_001]) == ["$.criterion.count"])
        #expect(criterionPaths(["event_type": "quiz.passed", "count": 0]) == ["$.criterion.count"])
        #expect(criterionPaths(["event_type": "quiz passed!", "count": 1]) == ["$.criterion.event_type"])
        #expect(criterionPaths(["count": 1, "period": "fortnight", "x": 1]) == ["$.criterion.event_type", "$.criterion.period", "$.criterion.x"])
        #expect(criterionPaths(5) == ["$.criterion"])
    }

    @Test func theDocumentFormRoundTripsThroughTheParser() throws {
        let at = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)
        let badge = Badge(
            id: "b", name: "B", description: "d", repeatable: true, validUntil: at,
            criterion: BadgeCriterion(eventType: "quiz.passed", count: 5, period: .week), createdAt: at, updatedAt: at)
        var document = badge.json.objectValue!
        for key in ["created_at", "updated_at"] { document[key] = nil }
        let draft = try BadgeDraft.parse(.object(document), id: "b")
        #expect(draft == BadgeDraft(name: "B", description: "d", repeatable: true, validUntil: at, criterion: badge.criterion))
    }
}

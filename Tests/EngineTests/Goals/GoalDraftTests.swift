import Testing
@testable import Engine

struct GoalDraftTests {
    static let times = (Timestamp(millisecondsSinceEpoch: 1), Timestamp(millisecondsSinceEpoch: 2))

    @Test func theStoredDocumentParsesBackToTheSameGoal() throws {
        for text in [
            #"{"name": "W", "subject": "member", "period": "week", "metric": {"event_type": "sale", "sum": "amount"},"#
                + #" "levels": [{"id": "l1", "target": 100, "award": {"currency": "points", "amount": 5}}, {"id": "l2", "target": 500, "badge": "b"}]}"#,
            #"{"name": "Q", "subject": "organization", "period": "quarter", "metric": {"currency": "points"}, "target_attribute": "quota","#
                + #" "levels": [{"id": "half", "percent": 50}, {"id": "full", "percent": 100}]}"#,
        ] {
            let goal = try GoalDraft.parse(try JSONParser.parse(text), id: "g").goal(id: "g", createdAt: Self.times.0, updatedAt: Self.times.1)
            let again = try GoalDraft.parse(goal.definition, id: "g").goal(id: "g", createdAt: Self.times.0, updatedAt: Self.times.1)
            #expect(again == goal, "\(text)")
        }
    }

    @Test func percentLevelsScaleWithEachSubjectsOwnTarget() throws {
        let goal = try GoalDraft.parse(try JSONParser.parse(
            #"{"name": "Q", "subject": "member", "period": "month", "metric": {"event_type": "sale"}, "target_attribute": "quota","#
                + #" "levels": [{"id": "half", "percent": 50}, {"id": "over", "percent": 150}]}"#), id: "g")
            .goal(id: "g", createdAt: Self.times.0, updatedAt: Self.times.1)
        #expect(goal.targets(subjectTarget: 1_000) == [500, 1_500])
        #expect(goal.targets(subjectTarget: 3) == [1, 4], "rounded down")
        #expect(goal.targets(subjectTarget: nil) == nil && goal.targets(subjectTarget: 0) == nil)
        let fixed = Goal(id: "f", name: "F", subject: .member, metric: LeaderboardMetric(source: .eventCount(type: "x")), period: .week,
                         levels: [.init(id: "a", target: 7)], createdAt: Self.times.0, updatedAt: Self.times.1)
        #expect(fixed.targets(subjectTarget: nil) == [7])
    }

    @Test func levelsMustRiseAndUseTheRightKey() {
        func paths(_ text: String) -> [String] {
            do {
                _ = try GoalDraft.parse(try JSONParser.parse(text), id: "g")
                return []
            } catch let error as DomainError {
                if case .invalid(let problems) = error { return problems.map(\.path).sorted() }
                return ["?"]
            } catch { return ["not a domain error"] }
        }
        #expect(paths(#"{"name": "x", "subject": "member", "period": "week", "metric": {"event_type": "s"}, "levels": []}"#) == ["$.levels"])
        #expect(paths(#"{"name": "x", "subject": "member", "period": "week", "metric": {"event_type": "s"}, "target_attribute": "q","#
            + #" "levels": [{"id": "a", "target": 5}]}"#) == ["$.levels[0].percent", "$.levels[0].target"])
        #expect(paths(#"{"name": "x", "subject": "team", "period": "all", "metric": {"event_type": "s"}, "levels": [{"id": "a", "target": 5}, {"id": "b", "target": 5}]}"#)
            == ["$.levels[1].target", "$.period", "$.subject"])
    }
}

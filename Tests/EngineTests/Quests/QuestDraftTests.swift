import Testing
@testable import Engine

struct QuestDraftTests {
    static let times = (Timestamp(millisecondsSinceEpoch: 1), Timestamp(millisecondsSinceEpoch: 2))

    @Test func theStoredDocumentParsesBackToTheSameQuest() throws {
        let text = #"""
            {"name": "Onboarding", "ordered": true, "enrollment": "explicit", "deadline_days": 30,
             "audience": {"roles": ["sales"], "organization_kinds": ["partner"]},
             "steps": [{"id": "welcome", "name": "Watch the welcome video", "match": {"type": "video.watched"},
                        "reward": [{"award": {"currency": "points", "amount": 20, "to": "member"}}]},
                       {"id": "deal", "match": {"type": "deal.closed", "when": {"fact": "event.amount", "op": "gte", "value": 1000}}, "count": 3}],
             "completion": [{"badge": "certified"}, {"boost": {"percent": 2, "on": "deal.closed", "uses": 5, "expires_in_days": 90}}],
             "ends_at": "2027-01-01T00:00:00Z"}
            """#
        let quest = try QuestDraft.parse(try JSONParser.parse(text), id: "q").quest(id: "q", createdAt: Self.times.0, updatedAt: Self.times.1)
        #expect(quest.steps.map(\.count) == [1, 3] && quest.steps[1].when != nil && quest.completion.count == 2)
        let again = try QuestDraft.parse(quest.definition, id: "q").quest(id: "q", createdAt: Self.times.0, updatedAt: Self.times.1)
        #expect(again == quest)
        #expect(again.json == quest.json)
    }

    @Test func everyProblemIsReportedWithItsPath() {
        let found = paths {
            _ = try QuestDraft.parse(try JSONParser.parse(#"""
                {"name": "x", "enrollment": "sometimes", "deadline_days": 0, "starts_at": "2027-01-02T00:00:00Z", "ends_at": "2027-01-01T00:00:00Z",
                 "audience": {"planets": ["mars"]},
                 "steps": [{"id": "a", "match": {"type": "deal", "when": {"fact": "event.amount", "op": "gte"}}, "count": 0},
                           {"id": "a", "match": {"type": "deal"}, "reward": [{"tag": {"segment": "x", "to": "member"}}]},
                           {"id": "c", "match": {"type": "deal"}, "reward": [{"award": {"currency": "points", "amount": 5, "to": "parent"}}]}],
                 "completion": [{"notify": {"template": "t"}}]}
                """#), id: "q")
        }
        #expect(found.sorted() == [
            "$.audience.planets", "$.completion[0]", "$.deadline_days", "$.ends_at", "$.enrollment", "$.steps[0].count",
            "$.steps[0].match.when.value", "$.steps[1].id", "$.steps[1].reward[0]", "$.steps[2].reward[0].award.to",
        ])
        #expect(paths { _ = try QuestDraft.parse(try JSONParser.parse(#"{"name": "x", "steps": []}"#), id: "q") } == ["$.steps"])
    }
}

struct QuestEffectParsingTests {
    @Test func aRuleMayCountAQuestStepAndSaysWhatIsMissing() {
        let rule = #"{"name": "r", "on": "deal.closed", "then": [{"quest": {"id": "onboarding", "step": "quiz"}}]}"#
        #expect(paths { _ = try RuleParser.parse(try JSONParser.parse(rule), id: "r") } == [])
        let bad = #"{"name": "r", "on": "deal.closed", "then": [{"quest": {"id": "onboarding"}}, {"quest": {"id": "a", "step": "b", "x": 1}}]}"#
        #expect(paths { _ = try RuleParser.parse(try JSONParser.parse(bad), id: "r") }.sorted() == ["$.then[0].quest.step", "$.then[1].quest.x"])
    }

    @Test func aQuestCannotGiveQuestProgressAsAReward() {
        let quest = #"{"name": "q", "steps": [{"id": "a", "match": {"type": "x"}, "reward": [{"quest": {"id": "q", "step": "a"}}]}]}"#
        #expect(paths { _ = try QuestDraft.parse(try JSONParser.parse(quest), id: "q") } == ["$.steps[0].reward[0]"])
    }
}

struct QuestLiftTests {
    @Test func liftComparesCompletersWithNonCompletersAndWithThemselves() {
        let rows = [
            QuestLift.Row(memberID: "a", completed: true, before: 1, after: 3), QuestLift.Row(memberID: "b", completed: true, before: 1, after: 5),
            QuestLift.Row(memberID: "c", completed: false, before: 2, after: 2),
        ]
        let summary = QuestLift.summary(rows, questID: "q", eventType: "deal.closed", property: nil, days: 30).objectValue
        // completers: after (3 + 5) / 2 = 4, before 1; non-completers after 2: lift (4 − 2) / 2 = 100 %, own change 300 %.
        #expect(summary?["lift_percent"] == .double(100) && summary?["completers_change_percent"] == .double(300))
        #expect(summary?["completers"]?.objectValue?["mean_after"] == .double(4))
        let none = QuestLift.summary([], questID: "q", eventType: "x", property: nil, days: 30).objectValue
        #expect(none?["lift_percent"] == .null)
    }
}

import Testing
@testable import Engine

/// `LiveRule.firing`: which rules' effects the badge and effect steps look at for an event.
struct FiringRulesTests {
    static func rule(_ id: String, on type: String, limit: Bool = false, version: Int = 1) throws -> AwardPlanner.LiveRule {
        var json: JSONValue = ["name": .string(id), "on": .string(type), "then": [["award": ["currency": "points", "amount": 5, "to": "member"]]]]
        if limit, case .object(var object) = json {
            object["limits"] = [["per": "member", "period": "day", "max_count": 1]]
            json = .object(object)
        }
        return try AwardPlannerTests.live(json, id: id, version: version)
    }

    @Test func onlyRulesThatApplyAndWereNotStoppedByALimitFireFirstCopyWins() throws {
        let applies = try Self.rule("applies", on: "deal.closed")
        let other = try Self.rule("other-type", on: "video.watched")
        let capped = try Self.rule("capped", on: "deal.closed", limit: true)
        let sources = FixedSources()
        sources.fired["capped:member:ann"] = 1
        let decisions = try AwardPlanner.plan(
            AwardPlannerTests.subject(), rules: [other, capped, applies], counters: sources, usage: sources, parentOf: { _ in nil })
        #expect(decisions.contains { $0.ruleID == "capped" && $0.outcome.applies && $0.limitReached })
        let laterCopy = try Self.rule("applies", on: "deal.closed", version: 2)
        let firing = AwardPlanner.LiveRule.firing(decisions, among: [other, capped, applies, laterCopy])
        #expect(firing.map(\.rule.id) == ["applies"])
        #expect(firing.map(\.version) == [1])
        #expect(AwardPlanner.LiveRule.firing([], among: [applies]).isEmpty)
        // A rule set past the linear search: the same answer through a map of the rules.
        let many = try (0...AwardPlanner.LiveRule.linearSearchMax).map { try Self.rule("filler-\($0)", on: "video.watched") }
        let throughMap = AwardPlanner.LiveRule.firing(decisions, among: many + [other, capped, applies, laterCopy])
        #expect(throughMap.map(\.rule.id) == ["applies"])
        #expect(throughMap.map(\.version) == [1])
    }
}

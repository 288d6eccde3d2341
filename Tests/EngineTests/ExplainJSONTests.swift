import Testing
import Engine

/// The explain documents a dry run answers: condition trees, rule outcomes, award amounts.
struct TraceJSONTests {
    let noon = Timestamp(millisecondsSinceEpoch: 1_795_953_600_000)  // 2026-11-30T12:00:00Z

    func outcome(_ text: String, _ facts: [FactPath: FactValue]) throws -> RuleOutcome {
        RuleEvaluator.evaluate(try rule(text), event: EventFacts(type: "deal.closed", occurredAt: noon), facts: FactTable(facts))
    }

    @Test func everyNodeOfTheTraceSaysWhereItIsWhetherItPassedAndWhy() throws {
        let result = try outcome(
            #"{"name": "x", "on": "deal.closed", "then": [{"award": {"currency": "points", "amount": 5}}],"#
                + #" "when": {"all": [{"fact": "event.amount", "op": "gte", "value": 1000}, {"fact": "member.team", "op": "eq", "value": "emea"},"#
                + #" {"not": {"fact": "member.role", "op": "eq", "value": "intern"}}]}}"#,
            [.eventProperty("amount"): 800, .field(.member, "role"): "sales"])
        let json = try #require(result.conditions?.json)
        #expect(JSONWriter.string(json) == JSONWriter.string(try JSONParser.parse(Array("""
            {"path": "$.when", "kind": "all", "passed": false, "reason": "2 of 3 failed", "children": [
              {"path": "$.when.all[0]", "kind": "leaf", "passed": false, "reason": "event.amount is 800, needs gte 1000",
               "fact": "event.amount", "seen": 800, "missing": false, "children": []},
              {"path": "$.when.all[1]", "kind": "leaf", "passed": false, "reason": "member.team is missing",
               "fact": "member.team", "seen": null, "missing": true, "children": []},
              {"path": "$.when.all[2]", "kind": "not", "passed": true, "reason": "\(result.conditions!.children[2].reason)", "children": [
                {"path": "$.when.all[2].not", "kind": "leaf", "passed": false, "reason": "member.role is \\"sales\\", needs eq \\"intern\\"",
                 "fact": "member.role", "seen": "sales", "missing": false, "children": []}]}]}
            """.utf8))))
    }

    @Test func aRuleOutcomeExplainsItsReasonAndEachAwardsAmountOrWhyItHasNone() throws {
        let result = try outcome(
            #"{"name": "x", "on": "deal.closed", "then": [{"award": {"currency": "points", "amount": "floor(event.amount * 0.02)"}},"#
                + #" {"award": {"currency": "credits", "amount": "event.seats * 3", "to": {"split": {"member": 70, "organization": 30}}}}]}"#,
            [.eventProperty("amount"): 2500])
        let json = try #require(result.json.objectValue)
        #expect(json["applies"] == true)
        #expect(json["reason"] == "applies")
        #expect(json["conditions"] == .null)
        #expect(json["awards"] == [
            ["effect_index": 0, "currency": "points", "to": "member", "amount": 50],
            ["effect_index": 1, "currency": "credits", "to": "split 70/30", "error": "event.seats is missing"],
        ])
    }

    @Test func aRuleThatFailsNamesTheFailingLeavesInItsReason() throws {
        let result = try outcome(
            #"{"name": "x", "on": "deal.closed", "then": [{"badge": "b"}], "when": {"fact": "event.amount", "op": "gte", "value": 1000}}"#,
            [.eventProperty("amount"): 800])
        let json = try #require(result.json.objectValue)
        #expect(json["applies"] == false)
        #expect(json["reason"] == "conditions failed: $.when event.amount is 800, needs gte 1000")
        #expect(json["awards"] == [])
    }
}

/// Dry runs read counters as they would be once the event is recorded.
struct DryRunCounterTests {
    struct Stored: CounterSource {
        var count = 0
        var sum: Int64 = 0
        var daysWithEvents: Set<Int64> = []

        func count(_ subject: FactSubject, id: String, eventType: String, period: CounterPeriod, at: Timestamp) throws -> Int {
            period == .day ? (daysWithEvents.contains(at.millisecondsSinceEpoch / 86_400_000) ? 1 : 0) : count
        }
        func sum(_ subject: FactSubject, id: String, eventType: String, property: String, period: CounterPeriod, at: Timestamp) throws -> Int64 { sum }
        func streak(_ subject: FactSubject, id: String, eventType: String, unit: StreakUnit, at: Timestamp) throws -> Int {
            var day = at.millisecondsSinceEpoch / 86_400_000
            var length = 0
            while daysWithEvents.contains(day) { length += 1; day -= 1 }
            return length
        }
    }

    let at = Timestamp(millisecondsSinceEpoch: 20_000 * 86_400_000 + 3_600_000)
    var event: Event {
        Event(id: "e", type: "quiz.passed", memberID: "ann", organizationID: "acme", occurredAt: at, receivedAt: at,
              properties: JSONObject([("score", 7), ("label", "x")]), fingerprint: "f")
    }

    @Test func theTriedEventCountsForItsOwnMemberOrganizationAndType() throws {
        let counters = CountersIncludingEvent(Stored(count: 2, sum: 10), event: event, timeZone: .utc)
        #expect(try counters.count(.member, id: "ann", eventType: "quiz.passed", period: .month, at: at) == 3)
        #expect(try counters.count(.organization, id: "acme", eventType: "quiz.passed", period: .all, at: at) == 3)
        #expect(try counters.count(.member, id: "gus", eventType: "quiz.passed", period: .month, at: at) == 2)
        #expect(try counters.count(.member, id: "ann", eventType: "video.watched", period: .month, at: at) == 2)
        #expect(try counters.sum(.member, id: "ann", eventType: "quiz.passed", property: "score", period: .year, at: at) == 17)
        #expect(try counters.sum(.member, id: "ann", eventType: "quiz.passed", property: "label", period: .year, at: at) == 10)
    }

    @Test func theTriedEventExtendsAStreakOnlyWhenItsDayHadNoneYet() throws {
        let today = at.millisecondsSinceEpoch / 86_400_000
        let extending = CountersIncludingEvent(Stored(daysWithEvents: [today - 1, today - 2]), event: event, timeZone: .utc)
        #expect(try extending.streak(.member, id: "ann", eventType: "quiz.passed", unit: .day, at: at) == 3)
        let already = CountersIncludingEvent(Stored(daysWithEvents: [today, today - 1]), event: event, timeZone: .utc)
        #expect(try already.streak(.member, id: "ann", eventType: "quiz.passed", unit: .day, at: at) == 2)
        let fresh = CountersIncludingEvent(Stored(), event: event, timeZone: .utc)
        #expect(try fresh.streak(.member, id: "ann", eventType: "quiz.passed", unit: .day, at: at) == 1)
    }
}

import Testing
import Engine

/// One leaf evaluated on its own: whether it passed and the reason given.
func check(_ fact: String, _ op: ConditionOperator, _ value: JSONValue, seen: FactValue?) throws -> (Bool, String) {
    let path = try FactPath.parse(fact)
    let text = #"{"name": "x", "on": "e", "then": [{"badge": "b"}], "when": {"fact": "\#(fact)", "op": "\#(op.rawValue)", "value": \#(JSONWriter.string(value))}}"#
    let parsed = try rule(text)
    let facts = FactTable(seen.map { [path: $0] } ?? [:])
    let outcome = RuleEvaluator.evaluate(parsed, event: EventFacts(type: "e", occurredAt: Timestamp(millisecondsSinceEpoch: 0)), facts: facts)
    let trace = try #require(outcome.conditions)
    return (trace.passed, trace.reason)
}

func passes(_ fact: String, _ op: ConditionOperator, _ value: JSONValue, seen: FactValue?) throws -> Bool {
    try check(fact, op, value, seen: seen).0
}

struct RuleConditionTests {
    @Test func comparisonsOrderNumbersExactlyAcrossIntegersAndDecimals() throws {
        #expect(try passes("event.amount", .eq, 1000, seen: .double(1000.0)))
        #expect(try passes("event.amount", .ne, 5, seen: 6))
        #expect(try passes("event.amount", .gt, 999, seen: 1000))
        #expect(try !passes("event.amount", .gt, 1000, seen: 1000))
        #expect(try passes("event.amount", .gte, 1000, seen: 1000))
        #expect(try passes("event.amount", .lt, .double(0.3), seen: .double(0.29)))
        #expect(try passes("event.amount", .lte, .double(0.1), seen: .double(0.1)))
        #expect(try !passes("event.amount", .lte, 5, seen: 6))
    }

    @Test func aStringAgainstANumberIsFalseWithAReasonNotACrash() throws {
        let (passed, reason) = try check("event.amount", .gte, 1000, seen: "lots")
        #expect(!passed)
        #expect(reason == #"event.amount is "lots" (string), gte cannot compare it with 1000"#)
        #expect(try !passes("event.amount", .eq, 1000, seen: "1000"))
        #expect(try passes("event.amount", .ne, 1000, seen: "1000"))
        #expect(try !passes("member.tier", .between, [1, 5], seen: true))
        #expect(try !passes("member.segment", .contains, "vip", seen: 3))
    }

    @Test func aFailedComparisonSaysWhatWasSeenAndWhatWasNeeded() throws {
        let (passed, reason) = try check("event.amount", .gte, 1000, seen: 800)
        #expect(!passed)
        #expect(reason == "event.amount is 800, needs gte 1000")
        #expect(try check("event.amount", .gte, 1000, seen: 1200) == (true, "event.amount is 1200, gte 1000"))
    }

    @Test func aMissingFactFailsEveryOperatorButExists() throws {
        for op in [ConditionOperator.eq, .ne, .contains, .gt, .gte, .lt, .lte] {
            #expect(try check("member.tier", op, 3, seen: nil) == (false, "member.tier is missing"))
        }
        #expect(try !passes("member.tier", .between, [1, 3], seen: nil))
        #expect(try !passes("member.tier", .in, ["gold"], seen: nil))
        #expect(try !passes("member.tier", .nin, ["gold"], seen: nil))
        #expect(try check("member.tier", .exists, true, seen: nil) == (false, "member.tier is missing"))
        #expect(try passes("member.tier", .exists, false, seen: nil))
        #expect(try passes("member.tier", .exists, false, seen: .null))
        #expect(try passes("member.tier", .exists, true, seen: "gold"))
    }

    @Test func inAndNinTestMembership() throws {
        #expect(try passes("member.role", .in, ["sales", "manager"], seen: "sales"))
        #expect(try !passes("member.role", .in, ["sales", "manager"], seen: "engineer"))
        #expect(try passes("member.role", .nin, ["sales", "manager"], seen: "engineer"))
        #expect(try passes("event.amount", .in, [1, 2, 3], seen: .double(2.0)))
    }

    @Test func containsLooksInArraysAndStrings() throws {
        #expect(try passes("member.segment", .contains, "vip", seen: ["emea", "vip"]))
        #expect(try !passes("member.segment", .contains, "vip", seen: ["emea"]))
        #expect(try passes("event.product", .contains, "pro", seen: "laurel-pro-2"))
        #expect(try !passes("event.product", .contains, 2, seen: "laurel-pro-2"))
    }

    @Test func betweenIncludesBothBounds() throws {
        #expect(try passes("event.hour", .between, [9, 17], seen: nil) == false)  // hour comes from the event: 0 here
        #expect(try passes("event.amount", .between, [10, 20], seen: 10))
        #expect(try passes("event.amount", .between, [10, 20], seen: 20))
        #expect(try !passes("event.amount", .between, [10, 20], seen: 21))
        #expect(try passes("event.amount", .between, [.double(0.5), 1], seen: .double(0.75)))
    }

    @Test func dateTimesCompareAsInstants() throws {
        #expect(try passes("event.occurred_at", .lt, "1970-01-01T00:00:01Z", seen: nil))
        #expect(try passes("event.occurred_at", .eq, "1970-01-01T01:00:00+01:00", seen: nil))
        #expect(try passes("member.attributes.joined", .between, ["2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z"],
                           seen: "2026-06-01T12:00:00.000Z"))
    }
}

struct RuleEvaluatorTests {
    let commission: Rule
    let dealAt = RFC3339.parse("2026-03-02T10:00:00Z")!  // a Monday

    init() throws { commission = try rule(designExampleRule, id: "deal-commission") }

    func facts(amount: JSONValue, role: JSONValue = "sales", tier: JSONValue? = nil, deals: Int64 = 0) -> FactTable {
        var values: [FactPath: FactValue] = [
            .eventProperty("amount"): amount, .field(.member, "role"): role,
            .count(.member, eventType: "deal.closed", period: .month): .int(deals),
        ]
        values[.field(.organization, "tier")] = tier
        return FactTable(values)
    }

    @Test func theDesignExampleAppliesAndAwardsTwoPercent() {
        let outcome = RuleEvaluator.evaluate(
            commission, event: EventFacts(type: "deal.closed", occurredAt: dealAt), facts: facts(amount: 1000, tier: "gold"))
        #expect(outcome.applies)
        #expect(outcome.reason == "applies")
        #expect(outcome.awards.map(\.amount) == [.success(20), .success(50)])
        #expect(outcome.awards.map(\.currency) == ["points", "status_credits"])
        #expect(outcome.awards.map(\.effectIndex) == [0, 1])
    }

    @Test func theTraceOfAFailingAllShowsWhichLeafFailedAndWhy() throws {
        let outcome = RuleEvaluator.evaluate(
            commission, event: EventFacts(type: "deal.closed", occurredAt: dealAt), facts: facts(amount: 800, deals: 3))
        #expect(!outcome.applies)
        #expect(outcome.awards.isEmpty)
        let trace = try #require(outcome.conditions)
        #expect(trace.kind == .all && !trace.passed && trace.reason == "1 of 3 failed")
        #expect(trace.children.map(\.passed) == [false, true, true])
        let failed = trace.children[0]
        #expect(failed.path == "$.when.all[0]")
        #expect(failed.fact == .eventProperty("amount") && failed.seen == 800)
        #expect(failed.reason == "event.amount is 800, needs gte 1000")
        let any = trace.children[2]
        #expect(any.children.map(\.reason) == ["organization.tier is missing", "member.count.deal.closed.month is 3, gte 3"])
        #expect(trace.failureCauses.map(\.path) == ["$.when.all[0]"])
        #expect(outcome.reason == "conditions failed: $.when.all[0] event.amount is 800, needs gte 1000")
    }

    @Test func anotherEventTypeOrATimeOutsideTheWindowDoesNotApply() {
        let wrongType = RuleEvaluator.evaluate(
            commission, event: EventFacts(type: "lead.registered", occurredAt: dealAt), facts: facts(amount: 5000, tier: "gold"))
        #expect(!wrongType.applies && !wrongType.typeMatches)
        let early = RuleEvaluator.evaluate(
            commission, event: EventFacts(type: "deal.closed", occurredAt: RFC3339.parse("2025-12-31T23:59:59Z")!),
            facts: facts(amount: 5000, tier: "gold"))
        #expect(!early.applies && early.typeMatches && !early.inActiveWindow)
    }

    @Test func anAwardThatCannotBeComputedCarriesItsError() {
        let outcome = RuleEvaluator.evaluate(
            commission, event: EventFacts(type: "deal.closed", occurredAt: dealAt),
            facts: facts(amount: .double(5e15), tier: "gold"))
        #expect(outcome.applies)
        #expect(outcome.awards[0].amount == .failure(AmountError("the amount 100000000000000 is beyond ±1000000000000")))
        #expect(outcome.awards[1].amount == .success(50))
    }

    @Test func weekdayAndHourConditionsUseTheProgramOffset() throws {
        let weekend = try rule(#"""
            {"name": "Weekend bonus", "on": "quiz.passed", "then": [{"award": {"currency": "points", "amount": "event.hour", "to": "member"}}],
             "when": {"all": [{"fact": "event.weekday", "op": "in", "value": [6, 7]},
                              {"fact": "event.hour", "op": "between", "value": [8, 22]}]}}
            """#)
        let saturdayEvening = EventFacts(type: "quiz.passed", occurredAt: RFC3339.parse("2026-03-07T21:30:00Z")!)
        let utc = RuleEvaluator.evaluate(weekend, event: saturdayEvening, facts: FactTable())
        #expect(utc.applies)
        #expect(utc.awards.map(\.amount) == [.success(21)])
        // Two hours east it is already 23:30: outside the hours.
        let east = RuleEvaluator.evaluate(weekend, event: saturdayEvening, facts: FactTable(), timeZone: .fixed(offsetMinutes: 120))
        #expect(!east.applies)
        #expect(east.conditions?.failureCauses.map(\.reason) == ["event.hour is 23, needs between [8,22]"])
        // Nine hours east it is Sunday 06:30.
        let farEast = RuleEvaluator.evaluate(weekend, event: saturdayEvening, facts: FactTable(), timeZone: .fixed(offsetMinutes: 540))
        #expect(farEast.conditions?.children.map(\.seen) == [.int(7), .int(6)])
    }

    @Test func notInvertsItsChild() throws {
        let parsed = try rule(#"""
            {"name": "x", "on": "e", "then": [{"badge": "b"}], "when": {"not": {"fact": "member.status", "op": "eq", "value": "suspended"}}}
            """#)
        let event = EventFacts(type: "e", occurredAt: dealAt)
        #expect(RuleEvaluator.evaluate(parsed, event: event, facts: FactTable([.field(.member, "status"): "active"])).applies)
        #expect(!RuleEvaluator.evaluate(parsed, event: event, facts: FactTable([.field(.member, "status"): "suspended"])).applies)
    }
}

import Testing
import Engine

/// The example rule of DESIGN.md, verbatim.
let designExampleRule = #"""
    {
      "id": "deal-commission",
      "name": "2% of closed deal value, in points",
      "on": "deal.closed",
      "when": {"all": [
        {"fact": "event.amount", "op": "gte", "value": 1000},
        {"fact": "member.role", "op": "in", "value": ["sales", "manager"]},
        {"any": [{"fact": "organization.tier", "op": "eq", "value": "gold"},
                 {"fact": "member.count.deal.closed.month", "op": "gte", "value": 3}]}
      ]},
      "then": [
        {"award": {"currency": "points", "amount": "floor(event.amount * 0.02)", "to": "member"}},
        {"award": {"currency": "status_credits", "amount": 50, "to": "organization"}},
        {"badge": "first-deal"}
      ],
      "limits": [{"per": "member", "period": "day", "max_count": 10},
                 {"per": "program", "max_amount": 1000000, "currency": "points"}],
      "active": {"from": "2026-01-01T00:00:00Z"},
      "priority": 10
    }
    """#

func rule(_ text: String, id: String = "r-1") throws -> Rule {
    try RuleParser.parse(try JSONParser.parse(text), id: id)
}

func rulePaths(_ text: String) -> [String] {
    paths { _ = try rule(text) }
}

struct RuleParserTests {
    @Test func acceptsTheDesignExampleVerbatim() throws {
        let parsed = try rule(designExampleRule, id: "deal-commission")
        #expect(parsed.name == "2% of closed deal value, in points")
        #expect(parsed.on == "deal.closed")
        #expect(parsed.priority == 10)
        #expect(parsed.active == ActiveWindow(from: RFC3339.parse("2026-01-01T00:00:00Z"), until: nil))
        guard case .all(let conditions)? = parsed.when else {
            Issue.record("expected an all node")
            return
        }
        #expect(conditions.count == 3)
        #expect(conditions[0] == .leaf(ConditionLeaf(fact: .eventProperty("amount"), op: .gte, value: 1000)))
        #expect(parsed.then.count == 3)
        #expect(parsed.then[2] == .badge("first-deal"))
        guard case .award(let award) = parsed.then[0], case .expression(_, let source) = award.amount else {
            Issue.record("expected an award with an expression")
            return
        }
        #expect(award.currency == "points" && award.to == .member && source == "floor(event.amount * 0.02)")
        #expect(parsed.limits == [
            RuleLimit(per: .member, period: .day, maxCount: 10, maxAmount: nil, currency: nil),
            RuleLimit(per: .program, period: .all, maxCount: nil, maxAmount: 1_000_000, currency: "points"),
        ])
    }

    @Test func defaultsPriorityToZeroAndAllowsNoConditions() throws {
        let parsed = try rule(#"{"name": "Hi", "on": "login", "then": [{"badge": "hello"}]}"#)
        #expect(parsed.priority == 0)
        #expect(parsed.when == nil)
        #expect(parsed.limits == [])
        #expect(parsed.active == ActiveWindow())
    }

    @Test func reportsEveryTopLevelProblemAtOnce() {
        let found = rulePaths(#"{"id": "other", "on": "deal closed", "then": [], "priority": 1.5, "colour": "red"}"#)
        #expect(found == ["$.colour", "$.id", "$.name", "$.on", "$.then", "$.priority"])
    }

    @Test func reportsConditionProblemsWithTheirPaths() {
        let found = rulePaths(#"""
            {"name": "x", "on": "deal.closed", "then": [{"badge": "b"}], "when": {"all": [
              {"fact": "event.amount", "op": "gte", "value": 1},
              {"fact": "customer.tier", "op": "eq", "value": "gold"},
              {"fact": "event.amount", "op": "like", "value": 1},
              {"any": []},
              {"not": {"fact": "member.role", "op": "in", "value": "sales"}},
              {"fact": "event.amount", "op": "between", "value": [10, 5]},
              {"fact": "event.amount", "op": "exists", "value": "yes"},
              {"fact": "event.amount", "op": "gt", "value": "soon"},
              {"fact": "event.amount", "op": "eq"},
              {"all": [], "any": []},
              {"fact": "event.amount", "op": "eq", "value": 1, "extra": 2}
            ]}}
            """#)
        #expect(found == [
            "$.when.all[1].fact", "$.when.all[2].op", "$.when.all[3].any", "$.when.all[4].not.value",
            "$.when.all[5].value", "$.when.all[6].value", "$.when.all[7].value", "$.when.all[8].value",
            "$.when.all[9]", "$.when.all[10].extra",
        ])
    }

    @Test func conditionsDeeperThanSixteenLevelsAreRefused() {
        func nested(_ depth: Int) -> String {
            var text = #"{"fact": "event.amount", "op": "exists", "value": true}"#
            for _ in 1..<depth { text = #"{"not": \#(text)}"# }
            return #"{"name": "x", "on": "e", "then": [{"badge": "b"}], "when": \#(text)}"#
        }
        #expect(rulePaths(nested(16)) == [])
        #expect(rulePaths(nested(17)).count == 1)
    }

    @Test func moreThanTwoHundredConditionsAreRefused() {
        func wide(_ count: Int) -> String {
            let leaf = #"{"fact": "event.amount", "op": "gt", "value": 0}"#
            let leaves = Array(repeating: leaf, count: count).joined(separator: ",")
            return #"{"name": "x", "on": "e", "then": [{"badge": "b"}], "when": {"any": [\#(leaves)]}}"#
        }
        #expect(rulePaths(wide(200)) == [])
        #expect(rulePaths(wide(201)) == ["$.when.any[200]"])
    }

    @Test func reportsEffectProblemsWithTheirPaths() {
        let found = rulePaths(#"""
            {"name": "x", "on": "e", "then": [
              {"award": {"currency": "points", "amount": "floor(event.amount *", "to": "member"}},
              {"award": {"currency": "points", "amount": 5, "to": {"split": {"member": 70, "organization": 20}}}},
              {"award": {"currency": "points", "amount": 1000000000001, "to": "team"}},
              {"boost": {"percent": 0, "on": "deal.closed", "uses": 5, "expires_in_days": 30}},
              {"tag": {"segment": "vip club", "to": "member"}},
              {"quest": "q-1"},
              {"badge": "a", "tag": {}},
              {"notify": {"tips": true}}
            ]}
            """#)
        #expect(found == [
            "$.then[0].award.amount", "$.then[1].award.to.split", "$.then[2].award.amount", "$.then[2].award.to",
            "$.then[3].boost.percent", "$.then[4].tag.segment", "$.then[5].quest", "$.then[6]",
            "$.then[7].notify.template",
        ])
    }

    @Test func acceptsEveryEffectKind() throws {
        let parsed = try rule(#"""
            {"name": "x", "on": "e", "then": [
              {"award": {"currency": "points", "amount": 5, "to": {"split": {"member": 70, "organization": 30}}}},
              {"award": {"currency": "points", "amount": "min(100, event.amount)", "to": "parent"}},
              {"boost": {"percent": 2, "on": "deal.closed", "uses": 5, "expires_in_days": 30}},
              {"notify": {"template": "welcome", "tip": "did-you-know"}},
              {"tag": {"segment": "vip", "to": "organization"}}
            ]}
            """#)
        #expect(parsed.then.count == 5)
        guard case .award(let split) = parsed.then[0], case .notify(let notify) = parsed.then[3] else {
            Issue.record("unexpected effects")
            return
        }
        #expect(split.to == .split(memberPercent: 70, organizationPercent: 30))
        #expect(notify.template == "welcome" && notify.parameters["tip"] == "did-you-know")
        #expect(parsed.then[2] == .boost(BoostEffect(percent: 2, on: "deal.closed", uses: 5, expiresInDays: 30)))
        #expect(parsed.then[4] == .tag(TagEffect(segment: "vip", to: .organization)))
    }

    @Test func reportsLimitAndWindowProblemsWithTheirPaths() {
        let found = rulePaths(#"""
            {"name": "x", "on": "e", "then": [{"badge": "b"}],
             "limits": [{"per": "team", "max_count": 1}, {"per": "member"}, {"per": "program", "max_amount": 5},
                        {"per": "member", "period": "decade", "max_count": 0}],
             "active": {"from": "2026-02-01T00:00:00Z", "until": "2026-01-01T00:00:00Z"}}
            """#)
        #expect(found == [
            "$.limits[0].per", "$.limits[1]", "$.limits[2].currency", "$.limits[3].period", "$.limits[3].max_count",
            "$.active.until",
        ])
        #expect(rulePaths(#"{"name": "x", "on": "e", "then": [{"badge": "b"}], "active": {"from": "tomorrow"}}"#)
            == ["$.active.from"])
    }

    @Test func aNonObjectBodyIsRefused() {
        #expect(rulePaths("[]") == ["$"])
    }
}

@Suite struct AwardRecipientDefaultTests {
    @Test func anAwardWithoutToGoesToTheMember() throws {
        let rule = try RuleParser.parse(["name": "R", "on": "x", "then": [["award": ["currency": "points", "amount": 5]]]], id: "r")
        guard case .award(let award) = rule.then[0] else { Issue.record("not an award"); return }
        #expect(award.to == .member)
    }
}

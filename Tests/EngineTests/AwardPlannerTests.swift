import Engine
import Testing

/// Counters and usage from fixed tables, recording what was asked.
final class FixedSources: CounterSource, RuleUsageSource {
    var counts: [String: Int] = [:]
    var fired: [String: Int] = [:]
    var awardedSoFar: [String: Int64] = [:]

    func count(_ subject: FactSubject, id: String, eventType: String, period: CounterPeriod, at: Timestamp) throws -> Int {
        counts["\(subject.rawValue):\(id):\(eventType):\(period.rawValue)"] ?? 0
    }
    func sum(_ subject: FactSubject, id: String, eventType: String, property: String, period: CounterPeriod, at: Timestamp) throws -> Int64 { 0 }
    func streak(_ subject: FactSubject, id: String, eventType: String, unit: StreakUnit, at: Timestamp) throws -> Int { 0 }
    func fires(ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, period: RuleLimit.Period, at: Timestamp) throws -> Int {
        fired["\(ruleID):\(scope.rawValue):\(subjectID ?? "-")"] ?? 0
    }
    func awarded(ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, currency: String, period: RuleLimit.Period, at: Timestamp) throws -> Int64 {
        awardedSoFar["\(ruleID):\(scope.rawValue):\(subjectID ?? "-"):\(currency)"] ?? 0
    }
}

@Suite struct AwardPlannerTests {
    static let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)
    static let acme = Organization(id: "acme", name: "Acme", kind: "partner", parentID: "distri", createdAt: now, updatedAt: now)
    static let distri = Organization(id: "distri", name: "Distri", kind: "distributor", createdAt: now, updatedAt: now)
    static let ann = Member(id: "ann", organizationID: "acme", role: "sales", createdAt: now, updatedAt: now)

    static func subject(_ type: String = "deal.closed", amount: Int64 = 1500, member: Member? = ann) -> AwardSubject {
        let properties = JSONObject([(key: "amount", value: .int(amount))])
        return AwardSubject(eventID: "e-1", eventType: type, occurredAt: now, properties: properties, member: member, organization: acme)
    }

    static func live(_ json: JSONValue, id: String, version: Int = 1) throws -> AwardPlanner.LiveRule {
        AwardPlanner.LiveRule(rule: try RuleParser.parse(json, id: id), version: version)
    }

    static let dealCommission: JSONValue = [
        "name": "2% of closed deal value", "on": "deal.closed",
        "when": ["all": [
            ["fact": "event.amount", "op": "gte", "value": 1000],
            ["fact": "member.role", "op": "in", "value": ["sales", "manager"]],
            ["any": [["fact": "organization.tier", "op": "eq", "value": "gold"],
                     ["fact": "member.count.deal.closed.month", "op": "gte", "value": 3]]],
        ]],
        "then": [
            ["award": ["currency": "points", "amount": "floor(event.amount * 0.02)", "to": "member"]],
            ["award": ["currency": "status_credits", "amount": 50, "to": "organization"]],
        ],
        "limits": [["per": "member", "period": "day", "max_count": 10]],
    ]

    private func plan(_ subject: AwardSubject, _ rules: [AwardPlanner.LiveRule], _ sources: FixedSources = FixedSources()) throws -> [RuleDecision] {
        try AwardPlanner.plan(subject, rules: rules, counters: sources, usage: sources, parentOf: { $0.parentID == "distri" ? Self.distri : nil })
    }

    @Test func theDesignExampleAwardsTheRepAndTheCompany() throws {
        let sources = FixedSources()
        sources.counts["member:ann:deal.closed:month"] = 3
        let decisions = try plan(Self.subject(), [try Self.live(Self.dealCommission, id: "deal-commission", version: 4)], sources)
        #expect(decisions.count == 1)
        #expect(decisions[0].awards == [
            PlannedAward(ruleID: "deal-commission", ruleVersion: 4, effectIndex: 0, currency: "points", amount: 30, holder: .member("ann")),
            PlannedAward(ruleID: "deal-commission", ruleVersion: 4, effectIndex: 1, currency: "status_credits", amount: 50, holder: .organization("acme")),
        ])
        #expect(decisions[0].notes.isEmpty)
    }

    @Test func aFailingConditionAwardsNothingAndSaysWhy() throws {
        let decisions = try plan(Self.subject(amount: 800), [try Self.live(Self.dealCommission, id: "deal-commission")])
        #expect(decisions[0].awards.isEmpty)
        #expect(!decisions[0].outcome.applies)
        #expect(decisions[0].outcome.reason.contains("event.amount is 800"))
    }

    @Test func rulesOnOtherEventTypesAreNotConsideredAndPriorityOrdersTheRest() throws {
        let low = try Self.live(["name": "Low", "on": "deal.closed", "priority": 1, "then": [["award": ["currency": "points", "amount": 1]]]], id: "a-low")
        let high = try Self.live(["name": "High", "on": "deal.closed", "priority": 9, "then": [["award": ["currency": "points", "amount": 2]]]], id: "z-high")
        let other = try Self.live(["name": "Video", "on": "video.watched", "then": [["award": ["currency": "points", "amount": 3]]]], id: "video")
        #expect(try plan(Self.subject(), [low, other, high]).map(\.ruleID) == ["z-high", "a-low"])
    }

    @Test func aReachedCountLimitBlocksTheRule() throws {
        let sources = FixedSources()
        sources.counts["member:ann:deal.closed:month"] = 3
        sources.fired["deal-commission:member:ann"] = 10
        let decision = try plan(Self.subject(), [try Self.live(Self.dealCommission, id: "deal-commission")], sources)[0]
        #expect(decision.outcome.applies && decision.awards.isEmpty && !decision.fired)
        #expect(decision.notes == ["limit reached: at most 10 per member per day; nothing awarded"])
    }

    @Test func anAmountLimitTrimsTheAwardToWhatIsLeft() throws {
        let capped: JSONValue = ["name": "Capped", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 300]]],
                                 "limits": [["per": "program", "max_amount": 1000, "currency": "points"]]]
        let sources = FixedSources()
        sources.awardedSoFar["capped:program:-:points"] = 0
        #expect(!(try plan(Self.subject(), [try Self.live(capped, id: "capped")], sources)[0].amountLimited), "room for all of it")
        sources.awardedSoFar["capped:program:-:points"] = 800
        let decision = try plan(Self.subject(), [try Self.live(capped, id: "capped")], sources)[0]
        #expect(decision.awards.map(\.amount) == [200] && decision.amountLimited)
        sources.awardedSoFar["capped:program:-:points"] = 1000
        let exhausted = try plan(Self.subject(), [try Self.live(capped, id: "capped")], sources)[0]
        #expect(exhausted.awards.isEmpty && exhausted.amountLimited)
    }

    @Test func aSplitGivesTheOrganizationItsShareRoundedDownAndTheMemberTheRest() throws {
        let split: JSONValue = ["name": "Split", "on": "deal.closed",
                                "then": [["award": ["currency": "points", "amount": 101, "to": ["split": ["member": 70, "organization": 30]]]]]]
        let awards = try plan(Self.subject(), [try Self.live(split, id: "split")])[0].awards
        #expect(awards.map(\.holder) == [.member("ann"), .organization("acme")])
        #expect(awards.map(\.amount) == [71, 30])
    }

    @Test func parentAwardsGoToTheDistributorAboveAndNowhereWithoutOne() throws {
        let toParent: JSONValue = ["name": "Parent", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 5, "to": "parent"]]]]
        #expect(try plan(Self.subject(), [try Self.live(toParent, id: "p")])[0].awards.map(\.holder) == [.organization("distri")])
        var orphan = Self.subject()
        orphan.organization?.parentID = nil
        let decision = try AwardPlanner.plan(orphan, rules: [try Self.live(toParent, id: "p")], counters: FixedSources(), usage: FixedSources())[0]
        #expect(decision.awards.isEmpty)
        #expect(decision.notes == ["$.then[0]: organization acme has no parent to award"])
    }

    @Test func amountsThatCannotBeComputedOrAreNotPositiveAwardNothing() throws {
        let missing: JSONValue = ["name": "M", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": "event.bonus * 2"]]]]
        let negative: JSONValue = ["name": "N", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": "event.amount - 2000"]]]]
        let decisions = try plan(Self.subject(), [try Self.live(missing, id: "m"), try Self.live(negative, id: "n")])
        #expect(decisions.allSatisfy { $0.awards.isEmpty })
        #expect(decisions[0].notes.first?.hasPrefix("$.then[0]: the amount could not be computed") == true)
        #expect(decisions[1].notes == ["$.then[0]: the amount -500 is not positive; nothing awarded"])
    }

    @Test func anEventWithoutAMemberCannotAwardAMember() throws {
        let rule: JSONValue = ["name": "R", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 5]]]]
        let decision = try plan(Self.subject(member: nil), [try Self.live(rule, id: "r")])[0]
        #expect(decision.awards.isEmpty)
        #expect(decision.notes == ["$.then[0]: the event names no member to award"])
    }
}

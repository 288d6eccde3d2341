import Engine
import Testing

/// Badge definitions and held badges from fixed tables.
final class FixedBadges: BadgeReader {
    var definitions: [String: Badge] = [:]
    var held: Set<String> = []  // "member:badge"

    func badge(id: String) throws -> Badge? { definitions[id] }
    func badges(page: PageRequest) throws -> Page<Badge> { Page(fetched: [], limit: page.limit, key: \.id) }
    func badges(criterionEventType eventType: String) throws -> [Badge] {
        definitions.values.filter { $0.criterion?.eventType == eventType }
    }
    func holdsBadge(memberID: String, badgeID: String) throws -> Bool { held.contains("\(memberID):\(badgeID)") }
    func memberBadges(memberID: String, includeRevoked: Bool, limit: Int) throws -> [MemberBadge] { [] }
    func membersHoldingBadge(organizationID: String, badgeID: String) throws -> Int { 0 }

    func define(_ id: String, repeatable: Bool = false, validUntil: Timestamp? = nil, criterion: BadgeCriterion? = nil) {
        definitions[id] = Badge(
            id: id, name: id.uppercased(), repeatable: repeatable, validUntil: validUntil, criterion: criterion,
            createdAt: AwardPlannerTests.now, updatedAt: AwardPlannerTests.now)
    }
}

@Suite struct BadgeAwarderTests {
    static let firstDealRule: JSONValue = [
        "name": "First deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 10, "to": "member"]], ["badge": "first-deal"]],
    ]

    private func plan(
        _ subject: AwardSubject = AwardPlannerTests.subject(), rules: [AwardPlanner.LiveRule], badges: FixedBadges,
        counters: FixedSources = FixedSources()
    ) throws -> BadgeAwarder.Plan {
        let decisions = try AwardPlanner.plan(subject, rules: rules, counters: counters, usage: counters)
        return try BadgeAwarder.plan(subject, decisions: decisions, rules: rules, counters: counters, badges: badges)
    }

    @Test func aRuleEffectAwardsTheBadgeToTheEventsMember() throws {
        let badges = FixedBadges()
        badges.define("first-deal")
        let result = try plan(rules: [try AwardPlannerTests.live(Self.firstDealRule, id: "deal", version: 3)], badges: badges)
        #expect(result.earned.map(\.record) == [MemberBadge(
            memberID: "ann", badgeID: "first-deal", eventID: "e-1", earnedAt: AwardPlannerTests.now, ruleID: "deal", ruleVersion: 3)])
        #expect(result.earned.first?.json == ["badge_id": "first-deal", "name": "FIRST-DEAL", "earned_at": .string(AwardPlannerTests.now.rfc3339), "by": "deal"])
        #expect(result.notes.isEmpty)
    }

    @Test func aNonRepeatableBadgeAlreadyHeldIsNotEarnedAgainButARepeatableOneIs() throws {
        let badges = FixedBadges()
        badges.define("first-deal")
        badges.held = ["ann:first-deal"]
        let rules = [try AwardPlannerTests.live(Self.firstDealRule, id: "deal")]
        let held = try plan(rules: rules, badges: badges)
        #expect(held.earned.isEmpty)
        #expect(held.notes.map(\.note) == ["$.then[1]: member ann already holds badge first-deal"])
        badges.define("first-deal", repeatable: true)
        #expect(try plan(rules: rules, badges: badges).earned.count == 1)
    }

    @Test func aSeasonalBadgeIsRefusedAfterValidUntilAndGrantedAtIt() throws {
        let badges = FixedBadges()
        let rules = [try AwardPlannerTests.live(Self.firstDealRule, id: "deal")]
        badges.define("first-deal", validUntil: AwardPlannerTests.now)
        #expect(try plan(rules: rules, badges: badges).earned.count == 1)
        badges.define("first-deal", validUntil: AwardPlannerTests.now.adding(milliseconds: -1))
        let late = try plan(rules: rules, badges: badges)
        #expect(late.earned.isEmpty)
        #expect(late.notes.first?.note.contains("valid until") == true)
    }

    @Test func anUnknownBadgeOrAMissingMemberIsANote() throws {
        let rules = [try AwardPlannerTests.live(Self.firstDealRule, id: "deal")]
        let unknown = try plan(rules: rules, badges: FixedBadges())
        #expect(unknown.earned.isEmpty && unknown.notes.map(\.note) == ["$.then[1]: no such badge: first-deal; nothing awarded"])
        let badges = FixedBadges()
        badges.define("first-deal")
        let memberless = try plan(AwardPlannerTests.subject(member: nil), rules: rules, badges: badges)
        #expect(memberless.earned.isEmpty && memberless.notes.map(\.note) == ["$.then[1]: the event names no member to award badge first-deal"])
    }

    @Test func aRuleThatDidNotApplyOrHitItsCountLimitAwardsNoBadge() throws {
        let badges = FixedBadges()
        badges.define("first-deal")
        var limited = Self.firstDealRule.objectValue!
        limited["limits"] = [["per": "member", "period": "day", "max_count": 1]]
        let sources = FixedSources()
        sources.fired["deal:member:ann"] = 1
        #expect(try plan(rules: [try AwardPlannerTests.live(.object(limited), id: "deal")], badges: badges, counters: sources).earned.isEmpty)
        #expect(try plan(AwardPlannerTests.subject("quiz.passed"), rules: [try AwardPlannerTests.live(Self.firstDealRule, id: "deal")], badges: badges)
            .earned.isEmpty)
    }

    @Test func aCounterCriterionIsEarnedExactlyWhenTheCountReachesIt() throws {
        let badges = FixedBadges()
        badges.define("quizzer", criterion: BadgeCriterion(eventType: "quiz.passed", count: 5))
        let sources = FixedSources()
        let subject = AwardPlannerTests.subject("quiz.passed")
        sources.counts["member:ann:quiz.passed:all"] = 4
        #expect(try plan(subject, rules: [], badges: badges, counters: sources).earned.isEmpty)
        sources.counts["member:ann:quiz.passed:all"] = 5
        let fifth = try plan(subject, rules: [], badges: badges, counters: sources)
        #expect(fifth.earned.map(\.record.by) == ["criterion"])
        badges.held = ["ann:quizzer"]
        sources.counts["member:ann:quiz.passed:all"] = 6
        #expect(try plan(subject, rules: [], badges: badges, counters: sources).earned.isEmpty)
    }

    @Test func aRepeatableCriterionIsEarnedAtEveryMultiple() throws {
        let badges = FixedBadges()
        badges.define("quizzer", repeatable: true, criterion: BadgeCriterion(eventType: "quiz.passed", count: 5, period: .month))
        let sources = FixedSources()
        let subject = AwardPlannerTests.subject("quiz.passed")
        var earnedAt: [Int] = []
        for count in 1...11 {
            sources.counts["member:ann:quiz.passed:month"] = count
            if try !plan(subject, rules: [], badges: badges, counters: sources).earned.isEmpty { earnedAt.append(count) }
        }
        #expect(earnedAt == [5, 10])
    }

    @Test func oneEventEarnsABadgeOnceEvenWhenARuleAndTheCriterionBothGiveIt() throws {
        let badges = FixedBadges()
        badges.define("first-deal", repeatable: true, criterion: BadgeCriterion(eventType: "deal.closed", count: 1))
        let sources = FixedSources()
        sources.counts["member:ann:deal.closed:all"] = 1
        let result = try plan(rules: [try AwardPlannerTests.live(Self.firstDealRule, id: "deal")], badges: badges, counters: sources)
        #expect(result.earned.map(\.record.by) == ["deal"])
    }
}

import Engine
import Testing

@Suite struct RewardMinTierTests {
    static let now = AwardPlannerTests.now
    static let ladder = TierLadder(
        id: "partners", subject: .member, currency: "points", window: .lifetime,
        levels: [TierLevel(id: "bronze", threshold: 0), TierLevel(id: "silver", threshold: 5_000), TierLevel(id: "gold", threshold: 20_000)],
        createdAt: now, updatedAt: now)

    static func reasons(_ levels: [String: String], ladder: TierLadder? = ladder, level: String = "gold") -> [String] {
        let reward = Reward(
            id: "trip", name: "Trip", kind: .service, cost: RewardCost(currency: "points", amount: 10),
            minTier: RewardMinTier(ladderID: "partners", levelID: level), createdAt: now, updatedAt: now)
        let candidate = RewardEligibility.Candidate(role: "sales", organizationKind: "partner", segments: [], tierLevels: levels)
        return RewardEligibility.check(reward, for: candidate, available: 100, redeemed: 0, ladder: ladder, at: now).reasons.map(\.message)
    }

    @Test func aMemberBelowTheMinimumTierIsToldWhichLevelIsNeeded() {
        #expect(Self.reasons(["partners": "silver"]) == ["needs tier gold on partners, member is silver"])
        #expect(Self.reasons([:]) == ["needs tier gold on partners, member is bronze"])
    }

    @Test func theMinimumLevelOrAnyAboveItQualifies() {
        #expect(Self.reasons(["partners": "gold"]).isEmpty)
        #expect(Self.reasons(["partners": "silver"], level: "silver").isEmpty)
        #expect(Self.reasons(["partners": "gold"], level: "bronze").isEmpty)
    }

    @Test func aMinimumTierWhoseLadderOrLevelIsGoneQualifiesNobody() {
        #expect(Self.reasons(["partners": "gold"], ladder: nil) == ["minimum tier gold on partners no longer exists"])
        #expect(Self.reasons(["partners": "gold"], level: "platinum") == ["minimum tier platinum on partners no longer exists"])
    }
}

import Testing
@testable import Engine

/// Account health's formulas against hand-computed examples.
struct AccountHealthTests {
    static let now = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

    static func nps(_ id: String, _ role: Feedback.Role, _ score: Int64, daysAgo: Int64 = 10) -> Feedback {
        Feedback(id: id, kind: .nps, organizationID: "acme", memberID: nil, role: role, score: score,
                 recordedAt: now.adding(milliseconds: -daysAgo * 86_400_000))
    }

    @Test func npsIsPromotersMinusDetractors() {
        #expect(AccountHealth.nps([10, 9, 8, 3]) == 25)
        #expect(AccountHealth.nps([0, 6]) == -100 && AccountHealth.nps([]) == nil)
    }

    @Test func healthWeighsRolesCombinesFeedbackWithEngagementAndGivesReasons() {
        let feedback = [
            Self.nps("dm", .decisionMaker, 3), Self.nps("in", .influencer, 10), Self.nps("u1", .user, 9), Self.nps("u2", .user, 9),
            Feedback(id: "c", kind: .csat, organizationID: "acme", memberID: nil, role: .user, score: 4, recordedAt: Self.now),
            Feedback(id: "t", kind: .csat, organizationID: "acme", memberID: nil, role: .user, score: 1, interactionID: "i-1", recordedAt: Self.now),
        ]
        let engagement = AccountHealth.Engagement(activeMembers: 2, members: 4, events: 7, eventsBefore: 10, redemptions: 1)
        let health = AccountHealth.assess(
            organizationID: "acme", feedback: feedback, engagement: engagement, weights: AccountHealth.RoleWeights(), now: Self.now)
        // By role: decision maker −100, influencer 100, user 100; weighted (3, 2, 1): (−300 + 200 + 100) / 6 = 0.
        #expect(health.npsByRole[.decisionMaker]?.nps == -100 && health.npsByRole[.user]?.responses == 2)
        #expect(health.weightedNPS == 0 && health.nps == 50)
        #expect(health.csat == 4 && health.transactional.csat == 1, "transactional feedback is kept apart")
        // Score: NPS (0 → 50) × 40, CSAT (4 → 75) × 20, share active 50 × 20, trend −30 % (→ 20) × 20 = 49: at risk.
        #expect(health.score == 49 && health.band == .atRisk)
        #expect(health.risks == ["detractor among decision makers (1)", "participation fell 30 % against the 30 days before"])
    }

    @Test func silenceFromDecisionMakersIsARisk() {
        let health = AccountHealth.assess(
            organizationID: "acme", feedback: [Self.nps("dm", .decisionMaker, 10, daysAgo: 200), Self.nps("u", .user, 10)],
            engagement: AccountHealth.Engagement(activeMembers: 0, members: 0, events: 0, eventsBefore: 0, redemptions: 0),
            weights: AccountHealth.RoleWeights(), now: Self.now)
        #expect(health.risks == ["no decision-maker feedback in 180 days"])
        #expect(health.score == 100 && health.band == .healthy, "only the NPS part has anything to measure")
    }
}

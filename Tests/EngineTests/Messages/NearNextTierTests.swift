import Testing
@testable import Engine

struct NearNextTierTests {
    static let ladder = TierLadder(
        id: "status", subject: .member, currency: "points", window: .lifetime,
        levels: [TierLevel(id: "bronze", threshold: 0), TierLevel(id: "silver", threshold: 1_000), TierLevel(id: "gold", threshold: 5_000)],
        downgrade: TierDowngrade(), createdAt: Timestamp(millisecondsSinceEpoch: 0), updatedAt: Timestamp(millisecondsSinceEpoch: 0))

    @Test func onlyTheAwardThatCrossesIntoTheLastFifthSaysSo() {
        // Bronze to silver: the last fifth starts at 800.
        #expect(NearNextTier.crossing(on: Self.ladder, heldIndex: 0, after: 799, awarded: 100) == nil)
        #expect(NearNextTier.crossing(on: Self.ladder, heldIndex: 0, after: 850, awarded: 100)
            == NearNextTier.Crossing(tier: "bronze", nextTier: "silver", remaining: 150))
        #expect(NearNextTier.crossing(on: Self.ladder, heldIndex: 0, after: 900, awarded: 50) == nil, "already in the stretch before")
        #expect(NearNextTier.crossing(on: Self.ladder, heldIndex: 0, after: 1_000, awarded: 300) == nil, "reached: a tier-up instead")
        // Silver to gold: the stretch starts at 4,200.
        #expect(NearNextTier.crossing(on: Self.ladder, heldIndex: 1, after: 4_200, awarded: 1)?.remaining == 800)
        #expect(NearNextTier.crossing(on: Self.ladder, heldIndex: 2, after: 9_000, awarded: 9_000) == nil, "no level above gold")
        #expect(NearNextTier.crossing(on: Self.ladder, heldIndex: 0, after: 850, awarded: 0) == nil)
    }
}

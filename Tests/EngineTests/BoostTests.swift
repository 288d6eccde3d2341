import Engine
import Testing

/// Boosts and their uses in memory.
final class FixedBoosts: BoostWriter {
    var boosts: [Boost] = []
    var uses: [BoostUse] = []

    func boost(id: Int64) throws -> Boost? { boosts.first { $0.id == id } }
    func activeBoosts(memberID: String, eventType: String, at: Timestamp) throws -> [Boost] {
        boosts.filter { $0.memberID == memberID && $0.on == eventType && $0.isActive(at: at) }
    }
    func boosts(memberID: String, activeAt: Timestamp?, page: PageRequest) throws -> Page<Boost> {
        Page(items: boosts.filter { $0.memberID == memberID }, nextAfter: nil)
    }
    func boosts(grantedByEventID eventID: String) throws -> [Boost] { boosts.filter { $0.eventID == eventID } }
    func boostUses(eventID: String) throws -> [BoostUse] { uses.filter { $0.eventID == eventID } }
    func insert(_ boost: Boost) throws -> Boost {
        var stored = boost
        stored.id = Int64(boosts.count + 1)
        boosts.append(stored)
        return stored
    }
    func recordUse(_ use: BoostUse) throws {
        uses.append(use)
        boosts[Int(use.boostID - 1)].usesRemaining -= 1
    }
    func returnUse(boostID: Int64, eventID: String, at: Timestamp) throws {
        guard let index = uses.firstIndex(where: { $0.boostID == boostID && $0.eventID == eventID && $0.returnedAt == nil }) else { return }
        uses[index].returnedAt = at
        boosts[Int(boostID - 1)].usesRemaining += 1
    }
    func revokeBoost(id: Int64, at: Timestamp) throws { boosts[Int(id - 1)].revokedAt = at }
}

@Suite struct BoostTests {
    static let now = AwardPlannerTests.now
    static let day: Int64 = 86_400_000

    static func boost(percent: Int64 = 2, uses: Int64 = 5, currency: String? = nil, granted: Timestamp = now.adding(milliseconds: -day)) -> Boost {
        Boost(granting: BoostEffect(percent: percent, on: "deal.closed", uses: uses, expiresInDays: 90, currency: currency),
              memberID: "ann", eventID: "quiz-1", ruleID: "quiz-boost", ruleVersion: 1, effectIndex: 0, at: granted)
    }

    static func award(_ amount: Int64, to holder: LedgerHolder = .member("ann"), currency: String = "points") -> PlannedAward {
        PlannedAward(ruleID: "deal", ruleVersion: 1, effectIndex: 0, currency: currency, amount: amount, holder: holder)
    }

    /// Books through a fake ledger that numbers postings 1, 2, … and keeps their amounts.
    static func book(_ session: inout BoostSession, _ award: PlannedAward, amount: Int64, into booked: inout [Int64]) throws {
        let id = Int64(booked.count + 1)
        var amounts = booked
        _ = try session.book(award, amount: amount) { total in
            amounts.append(total)
            return LedgerPosting(id: id, currency: award.currency, debit: .programIssued, credit: .member("ann"), amount: total, at: now, kind: .earn)
        }
        booked = amounts
    }

    @Test func theBonusIsPercentOfTheAmountRoundedDownExactly() {
        #expect(BoostBonus.bonus(percent: 2, of: 1_249) == 24)  // 24.98
        #expect(BoostBonus.bonus(percent: 3, of: 99) == 2)  // 2.97
        #expect(BoostBonus.bonus(percent: 2, of: 49) == 0)  // 0.98
        #expect(BoostBonus.bonus(percent: 1_000, of: 7) == 70)
        #expect(BoostBonus.bonus(percent: 7, of: 1_000_000_000_000) == 70_000_000_000)
        #expect(BoostBonus.bonus(percent: 2, of: 0) == 0)
        #expect(BoostBonus.bonus(percent: 2, of: -500) == 0)
    }

    @Test func boostsApplyAfterTheTierMultiplierAndAddUpWithoutCompounding() throws {
        let store = FixedBoosts()
        _ = try store.insert(Self.boost(percent: 2))
        _ = try store.insert(Self.boost(percent: 10))
        var session = try BoostSession(AwardPlannerTests.subject(), in: store)
        let multiplied = TierMultiplier.apply(1_250, to: 1_001)  // Gold ×1.25: 1 251 (1 251.25 rounded down)
        var booked: [Int64] = []
        try Self.book(&session, Self.award(1_001), amount: multiplied, into: &booked)
        // 2 % of 1 251 = 25 (25.02), 10 % = 125 (125.1): each of the multiplied amount, not of each other.
        #expect(booked == [1_251 + 25 + 125])
        #expect(session.boostedPostings[1] == BoostedPosting(
            baseAmount: 1_001, amountBeforeBoosts: 1_251,
            bonuses: [BoostBonus(boostID: 1, percent: 2, bonus: 25), BoostBonus(boostID: 2, percent: 10, bonus: 125)]))
    }

    @Test func anEventUsesABoostOnceHoweverManyAwardsItAddsTo() throws {
        let store = FixedBoosts()
        _ = try store.insert(Self.boost(uses: 2))
        var session = try BoostSession(AwardPlannerTests.subject(), in: store)
        var booked: [Int64] = []
        try Self.book(&session, Self.award(1_000), amount: 1_000, into: &booked)
        try Self.book(&session, Self.award(500, currency: "status_credits"), amount: 500, into: &booked)
        try Self.book(&session, Self.award(700, to: .organization("acme")), amount: 700, into: &booked)  // not the member's
        #expect(booked == [1_020, 510, 700])
        try session.recordUses(in: store)
        #expect(store.uses.map(\.bonus) == [30])
        #expect(store.boosts[0].usesRemaining == 1)
        #expect(session.usedBoosts.map(\.boost.usesRemaining) == [1])
    }

    @Test func aBoostThatAddsNothingIsNotUsedAndACurrencyRestrictionIsKept() throws {
        let store = FixedBoosts()
        _ = try store.insert(Self.boost(currency: "status_credits"))
        var session = try BoostSession(AwardPlannerTests.subject(), in: store)
        var booked: [Int64] = []
        try Self.book(&session, Self.award(1_000), amount: 1_000, into: &booked)  // points: not boosted
        try Self.book(&session, Self.award(40, currency: "status_credits"), amount: 40, into: &booked)  // 2 % of 40 is 0
        #expect(booked == [1_000, 40])
        try session.recordUses(in: store)
        #expect(store.uses.isEmpty && store.boosts[0].usesRemaining == 5)
    }

    @Test func aBoostIsActiveFromItsGrantUntilItsExpiryByEventTimeWhileUsesRemain() {
        let boost = Self.boost(granted: Self.now)
        #expect(boost.expiresAt == Self.now.adding(milliseconds: 90 * Self.day))
        #expect(boost.isActive(at: Self.now))
        #expect(!boost.isActive(at: Self.now.adding(milliseconds: -1)))
        #expect(boost.isActive(at: boost.expiresAt.adding(milliseconds: -1)))
        #expect(!boost.isActive(at: boost.expiresAt))
        var usedUp = boost
        usedUp.usesRemaining = 0
        #expect(!usedUp.isActive(at: Self.now))
        var revoked = boost
        revoked.revokedAt = Self.now
        #expect(!revoked.isActive(at: Self.now))
        #expect(boost.json(now: boost.expiresAt).objectValue?["status"] == .string("expired"))
    }

    @Test func anExpiredBoostIsNotLoadedForAnEvent() throws {
        let store = FixedBoosts()
        _ = try store.insert(Self.boost(granted: Self.now.adding(milliseconds: -90 * Self.day)))
        #expect(try BoostSession(AwardPlannerTests.subject(), in: store).active.isEmpty)
        #expect(try BoostSession(AwardPlannerTests.subject(member: nil), in: store).active.isEmpty)
    }

    @Test func reversingGivesAUseBackWhileTheBoostLivesAndRevokesWhatTheEventGranted() throws {
        let store = FixedBoosts()
        let live = try store.insert(Self.boost(uses: 1))
        let ended = try store.insert(Self.boost(uses: 1, granted: Self.now.adding(milliseconds: -89 * Self.day)))
        try store.recordUse(BoostUse(boostID: live.id, eventID: "deal-1", bonus: 20, usedAt: Self.now))
        try store.recordUse(BoostUse(boostID: ended.id, eventID: "deal-1", bonus: 5, usedAt: Self.now))
        let later = Self.now.adding(milliseconds: 2 * Self.day)  // past `ended`'s expiry
        let result = try BoostReversal.reverse(eventID: "deal-1", at: later, in: store)
        #expect(result.returnedUses.map(\.boostID) == [live.id])
        #expect(result.keptUses.map(\.use.boostID) == [ended.id])
        #expect(store.boosts[0].usesRemaining == 1 && store.boosts[1].usesRemaining == 0)
        // Reversing again changes nothing.
        #expect(try BoostReversal.reverse(eventID: "deal-1", at: later, in: store).returnedUses.isEmpty)

        let granted = try BoostReversal.reverse(eventID: "quiz-1", at: later, in: store)
        #expect(granted.revoked.map(\.id) == [live.id, ended.id])
        #expect(store.boosts.allSatisfy { $0.revokedAt == later })
    }

    @Test func aUseOfARevokedBoostIsNotGivenBack() throws {
        let store = FixedBoosts()
        let boost = try store.insert(Self.boost(uses: 1))
        try store.recordUse(BoostUse(boostID: boost.id, eventID: "deal-1", bonus: 20, usedAt: Self.now))
        _ = try BoostReversal.reverse(eventID: "quiz-1", at: Self.now, in: store)
        let result = try BoostReversal.reverse(eventID: "deal-1", at: Self.now, in: store)
        #expect(result.returnedUses.isEmpty && result.keptUses.map(\.why) == ["boost 1 was revoked"])
        #expect(store.boosts[0].usesRemaining == 0)
    }
}

@Suite struct BoostEffectParsingTests {
    @Test func aBoostMayBeRestrictedToOneCurrency() throws {
        let parsed = try rule(#"{"name": "Q", "on": "quiz.passed", "then": [{"boost": {"percent": 2, "on": "deal.closed", "uses": 5, "expires_in_days": 90, "currency": "points"}}]}"#)
        #expect(parsed.then == [.boost(BoostEffect(percent: 2, on: "deal.closed", uses: 5, expiresInDays: 90, currency: "points"))])
        #expect(rulePaths(#"{"name": "Q", "on": "quiz.passed", "then": [{"boost": {"percent": 2, "on": "deal.closed", "uses": 5, "expires_in_days": 90, "currency": "a b"}}]}"#)
                == ["$.then[0].boost.currency"])
    }
}

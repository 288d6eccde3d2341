import Engine
import Testing

@Suite struct BoostStorageTests {
    private func boost(_ event: String, member: String = "ann", on: String = "deal.closed", uses: Int64 = 2, from: Int64 = 1_000, until: Int64 = 10_000) -> Boost {
        Boost(
            memberID: member, eventID: event, ruleID: "quiz-boost", ruleVersion: 3, effectIndex: 1, percent: 2, on: on,
            currency: "points", usesTotal: uses, grantedAt: at(from), expiresAt: at(until))
    }

    @Test func aBoostKeepsEveryFieldAndIsActiveOnlyForItsTypeWithinItsTime() throws {
        let db = try TestDatabase()
        let stored = try db.write { try $0.insert(boost("quiz-1")) }
        #expect(stored.id > 0)
        #expect(try db.read { try $0.boost(id: stored.id) } == stored)
        #expect(stored.currency == "points" && stored.usesRemaining == 2 && stored.ruleVersion == 3 && stored.effectIndex == 1)
        #expect(try db.read { try $0.activeBoosts(memberID: "ann", eventType: "deal.closed", at: at(1_000)) }.map(\.id) == [stored.id])
        #expect(try db.read { try $0.activeBoosts(memberID: "ann", eventType: "deal.closed", at: at(999)) }.isEmpty)
        #expect(try db.read { try $0.activeBoosts(memberID: "ann", eventType: "deal.closed", at: at(10_000)) }.isEmpty)
        #expect(try db.read { try $0.activeBoosts(memberID: "ann", eventType: "quiz.passed", at: at(5_000)) }.isEmpty)
        #expect(try db.read { try $0.activeBoosts(memberID: "bob", eventType: "deal.closed", at: at(5_000)) }.isEmpty)
        #expect(try db.read { try $0.boosts(grantedByEventID: "quiz-1") }.map(\.id) == [stored.id])
    }

    @Test func usesCountDownAreGivenBackOnceAndARevokedBoostIsNoLongerActive() throws {
        let db = try TestDatabase()
        let id = try db.write { try $0.insert(boost("quiz-1")) }.id
        try db.write { store in
            try store.recordUse(BoostUse(boostID: id, eventID: "deal-1", bonus: 20, usedAt: at(2_000)))
            try store.recordUse(BoostUse(boostID: id, eventID: "deal-2", bonus: 30, usedAt: at(3_000)))
        }
        #expect(try db.read { try $0.boost(id: id) }?.usesRemaining == 0)
        #expect(try db.read { try $0.activeBoosts(memberID: "ann", eventType: "deal.closed", at: at(4_000)) }.isEmpty)
        #expect(try db.read { try $0.boostUses(eventID: "deal-2") } == [BoostUse(boostID: id, eventID: "deal-2", bonus: 30, usedAt: at(3_000))])

        try db.write { try $0.returnUse(boostID: id, eventID: "deal-2", at: at(4_000)) }
        try db.write { try $0.returnUse(boostID: id, eventID: "deal-2", at: at(4_500)) }  // once only
        #expect(try db.read { try $0.boost(id: id) }?.usesRemaining == 1)
        #expect(try db.read { try $0.boostUses(eventID: "deal-2") }.first?.returnedAt == at(4_000))

        try db.write { try $0.revokeBoost(id: id, at: at(5_000)) }
        #expect(try db.read { try $0.boost(id: id) }?.revokedAt == at(5_000))
        #expect(try db.read { try $0.activeBoosts(memberID: "ann", eventType: "deal.closed", at: at(6_000)) }.isEmpty)
    }

    @Test func aMembersBoostsPageInGrantOrderAndFilterToActive() throws {
        let db = try TestDatabase()
        let ids = try db.write { store in
            [try store.insert(boost("e1")).id, try store.insert(boost("e2", until: 3_000)).id, try store.insert(boost("e3", on: "quiz.passed")).id,
             try store.insert(boost("e4", member: "bob")).id]
        }
        let first = try db.read { try $0.boosts(memberID: "ann", activeAt: nil, page: PageRequest(limit: 2)) }
        #expect(first.items.map(\.id) == [ids[0], ids[1]])
        let second = try db.read { try $0.boosts(memberID: "ann", activeAt: nil, page: PageRequest(limit: 2, after: first.nextAfter)) }
        #expect(second.items.map(\.id) == [ids[2]] && second.nextAfter == nil)
        #expect(try db.read { try $0.boosts(memberID: "ann", activeAt: at(5_000), page: PageRequest(limit: 10)) }.items.map(\.id) == [ids[0], ids[2]])
    }

    @Test func notificationsAreKeptUnreadWithTheirPayloadNewestFirst() throws {
        let db = try TestDatabase()
        let stored = try db.write { store in
            try (1...2).map { index in
                try store.insert(MemberNotification(
                    memberID: "ann", kind: "rule", template: "welcome", payload: JSONObject([("step", .int(Int64(index)))]),
                    eventID: "quiz-\(index)", ruleID: "welcome", ruleVersion: 1, createdAt: at(Int64(index) * 1_000)))
            }
        }
        let inbox = try db.read { try $0.notifications(memberID: "ann", limit: 10) }
        #expect(inbox == stored.reversed())
        #expect(inbox.allSatisfy { $0.readAt == nil && $0.kind == "rule" })
        #expect(inbox.first?.payload["step"] == .int(2))
        #expect(try db.read { try $0.notifications(memberID: "bob", limit: 10) }.isEmpty)
    }
}

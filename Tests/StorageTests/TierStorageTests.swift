import Engine
import SQLite
import Testing
@testable import Storage
import TestSupport

@Suite struct TierStorageTests {
    static let ladder: JSONValue = [
        "name": "Partners", "subject": "member", "currency": "points", "window": "rolling_365d",
        "levels": [["id": "bronze", "threshold": 0], ["id": "gold", "threshold": 100, "benefits": ["multiplier": 1.25, "list": ["lounge"]]]],
        "downgrade": ["policy": "at_review", "grace_days": 30],
    ]

    private func putCurrency(_ db: TestDatabase) throws {
        let draft = try CurrencyDraft.parse(["name": "Points"], id: "points")
        _ = try db.write { try CurrencyCommands.put("points", draft, context: change(), in: $0) }
    }

    @Test func aLadderSurvivesStorageWholeAndIsFoundBySubject() throws {
        let db = try TestDatabase()
        try putCurrency(db)
        let draft = try TierLadderDraft.parse(Self.ladder, id: "partners")
        let put = try db.write { try TierCommands.put("partners", draft, context: change(at: 5_000), in: $0) }
        #expect(put.created)
        let stored = try db.read { try TierCommands.get("partners", in: $0) }
        #expect(stored == put.object)
        #expect(stored.levels[1].benefits == TierBenefits(multiplierPerMille: 1250, list: ["lounge"]))
        #expect(stored.window == .rollingDays(365) && stored.downgrade == TierDowngrade(policy: .atReview, graceDays: 30))
        #expect(try db.read { try $0.tierLadders(subject: .member) }.map(\.id) == ["partners"])
        #expect(try db.read { try $0.tierLadders(subject: .organization) }.isEmpty)
        #expect(try !db.write { try TierCommands.put("partners", draft, context: change(at: 6_000), in: $0) }.created)
        #expect(try db.auditEntries(AuditFilter(entityKind: "tier_ladder")).map(\.action) == ["tier_ladder.put"])
    }

    @Test func anUnknownCurrencyIsUnprocessable() throws {
        let db = try TestDatabase()
        let draft = try TierLadderDraft.parse(Self.ladder, id: "partners")
        let error = domainError { _ = try db.write { try TierCommands.put("partners", draft, context: change(), in: $0) } }
        #expect(unprocessablePaths(error) == ["$.currency"])
    }

    @Test func tierStatesPersistAndGoWithTheirLadder() throws {
        let db = try TestDatabase()
        try putCurrency(db)
        let draft = try TierLadderDraft.parse(Self.ladder, id: "partners")
        _ = try db.write { try TierCommands.put("partners", draft, context: change(), in: $0) }
        let gold = TierState(holder: .member("ann"), ladderID: "partners", levelID: "gold", since: at(7_000))
        try db.write { try $0.save(gold) }
        try db.write { try $0.save(TierState(holder: .member("ann"), ladderID: "partners", levelID: "gold", since: at(8_000))) }
        #expect(try db.read { try $0.tierState(holder: .member("ann"), ladderID: "partners") }?.since == at(8_000))
        #expect(try db.read { try $0.tierState(holder: .organization("ann"), ladderID: "partners") } == nil)
        try db.write { try TierCommands.delete("partners", context: change(), in: $0) }
        #expect(try db.read { try $0.tierState(holder: .member("ann"), ladderID: "partners") } == nil)
    }

    @Test func earnedCountsEarnsAndCreditAdjustmentsInTheWindowLessReversals() throws {
        let db = try TestDatabase()
        let m1 = LedgerFixture.m1
        try db.ledger { ledger in
            let early = try ledger.earn(1_000, "cash", to: m1, at: LedgerFixture.days(0))
            try ledger.earn(200, "cash", to: m1, at: LedgerFixture.days(10))
            try ledger.adjust(50, "cash", for: m1, reason: "goodwill", at: LedgerFixture.days(11))
            try ledger.adjust(-30, "cash", for: m1, reason: "fix", at: LedgerFixture.days(12))  // a debit, not an earning
            try ledger.transfer(100, "cash", from: m1, to: LedgerFixture.m2, at: LedgerFixture.days(13))  // m-2 did not earn it
            _ = try ledger.reverse(postingID: early.id, at: LedgerFixture.days(20))
            try ledger.earn(7, "points", to: m1, at: LedgerFixture.days(10))  // another currency
        }
        func earned(_ holder: LedgerHolder = m1, from: Int64?, until: Int64) throws -> Int64 {
            try db.read { try $0.earned(holder: holder, currency: "cash", from: from.map(LedgerFixture.days), until: LedgerFixture.days(until)) }
        }
        #expect(try earned(from: nil, until: 10) == 1_000)  // half-open: day 10 itself is out
        #expect(try earned(from: nil, until: 15) == 1_250)
        #expect(try earned(from: 5, until: 15) == 250)
        #expect(try earned(from: nil, until: 30) == 250)  // the reversal takes the early 1 000 back
        #expect(try earned(from: 15, until: 30) == -1_000)  // the reversal alone: documented, may be negative
        #expect(try earned(LedgerFixture.m2, from: nil, until: 30) == 0)
    }

    @Test func earnedWalksTheAccountIndexes() throws {
        let db = try TestDatabase()
        let plan = try db.rows(
            "EXPLAIN QUERY PLAN " + SQLStore.earnedSQL,
            [.text("member:m-1"), .text("cash"), .integer(0), .integer(1), .text("member:m-1"), .text("clawback:member:m-1"),
             .text("cash"), .integer(0), .integer(1)]
        ).compactMap { $0.string("detail") }.joined(separator: "\n")
        #expect(plan.contains("ledger_postings_by_credit (credit=? AND currency=?)"), "\(plan)")
        #expect(plan.contains("ledger_postings_by_debit (debit=? AND currency=?)"), "\(plan)")
        #expect(!plan.contains("SCAN ledger_postings"), "\(plan)")
    }
}

import Testing
import Engine
import TestSupport

private typealias F = LedgerFixture

struct LedgerReverseTests {
    @Test func reversingAnUnspentEarnTakesItAllBack() throws {
        let (ledger, store) = F.make()
        let earn = try ledger.earn(100, "points", to: F.m1, at: F.start, references: .init(eventID: "deal-1"))
        let reversals = try ledger.reverse(postingID: earn.id, at: F.days(3))
        #expect(reversals.count == 1 && reversals[0].amount == 100 && reversals[0].references.reversalOf == earn.id)
        #expect(reversals[0].debit == .member("m-1") && reversals[0].credit == .programIssued)
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(3)) == LedgerBalance())
        #expect(throws: LedgerError.alreadyReversed(postingID: earn.id)) { try ledger.reverse(postingID: earn.id, at: F.days(3)) }
        #expect(throws: LedgerError.notReversible(postingID: reversals[0].id, kind: .reverse)) {
            try ledger.reverse(postingID: reversals[0].id, at: F.days(3))
        }
        #expect(throws: LedgerError.unknownPosting(99)) { try ledger.reverse(postingID: 99, at: F.days(3)) }
        try F.checkInvariants(ledger, store, at: F.days(3))
    }

    @Test func reversingASpendRestoresExactlyTheLotsItDrewOn() throws {
        let (ledger, store) = F.make()
        let a = try ledger.earn(100, "points", to: F.m1, at: F.start).createdLots[0]
        let b = try ledger.earn(100, "points", to: F.m1, at: F.days(1)).createdLots[0]
        let spend = try ledger.spend(150, "points", from: F.m1, at: F.days(20))
        try ledger.spend(20, "points", from: F.m1, at: F.days(20))
        try ledger.reverse(postingID: spend.id, at: F.days(21))
        #expect(store.lot(id: a)?.remaining == 100 && store.lot(id: b)?.remaining == 80)
        try F.checkInvariants(ledger, store, at: F.days(21))
    }

    @Test func reversingAPartlySpentEarnClawsBackTheRestAndRecordsTheShortfallAsDebt() throws {
        let (ledger, store) = F.make()
        let earn = try ledger.earn(100, "points", to: F.m1, at: F.start, references: .init(eventID: "deal-1"))
        try ledger.spend(60, "points", from: F.m1, at: F.days(14))
        let reversals = try ledger.reverse(eventID: "deal-1", at: F.days(15))
        #expect(reversals.map(\.amount) == [40, 60])
        #expect(reversals[1].debit == .clawback(F.m1) && reversals[1].credit == .programIssued)
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(15)) == LedgerBalance(debt: 60))
        #expect(store.lot(id: earn.createdLots[0])?.reversed == true)
        try F.checkInvariants(ledger, store, at: F.days(15))

        // The next award pays the debt first, even while it is pending.
        try ledger.earn(25, "points", to: F.m1, at: F.days(16))
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(16)) == LedgerBalance(debt: 35))
        try ledger.earn(50, "points", to: F.m1, at: F.days(17))
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(17)) == LedgerBalance(pending: 15))
        #expect(store.balance(of: LedgerAccountCurrency(.clawback(F.m1), "points")) == 0)
        try F.checkInvariants(ledger, store, at: F.days(17))
    }

    @Test func reversingBothTheEarnAndItsSpendLeavesNothingAndNoDebt() throws {
        let (ledger, store) = F.make()
        let earn = try ledger.earn(100, "points", to: F.m1, at: F.start)
        let spend = try ledger.spend(60, "points", from: F.m1, at: F.days(14))
        try ledger.reverse(postingID: earn.id, at: F.days(15))
        try ledger.reverse(postingID: spend.id, at: F.days(15))
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(15)) == LedgerBalance())
        try F.checkInvariants(ledger, store, at: F.days(15))
    }

    @Test func aReleasedHoldOnAReversedLotPaysTheDebt() throws {
        let (ledger, store) = F.make()
        let earn = try ledger.earn(100, "cash", to: F.m1, at: F.start)
        try ledger.hold(70, "cash", from: F.m1, redemptionID: "r-1", at: F.start)
        try ledger.reverse(postingID: earn.id, at: F.start)
        #expect(try ledger.balance(of: F.m1, "cash", at: F.start) == LedgerBalance(debt: 70))
        try ledger.release(redemptionID: "r-1", at: F.start)
        #expect(try ledger.balance(of: F.m1, "cash", at: F.start) == LedgerBalance())
        try F.checkInvariants(ledger, store, at: F.start)
    }

    @Test func whatExpiredIsNotDebt() throws {
        let (ledger, store) = F.make()
        let earn = try ledger.earn(100, "points", to: F.m1, at: F.start)
        try ledger.spend(30, "points", from: F.m1, at: F.days(14))
        try ledger.expire(now: F.days(365))
        let reversals = try ledger.reverse(postingID: earn.id, at: F.days(366))
        #expect(reversals.map(\.amount) == [30] && reversals[0].debit == .clawback(F.m1))
        #expect(try ledger.debt(of: F.m1, "points") == 30)
        try F.checkInvariants(ledger, store, at: F.days(366))
    }

    @Test func reversingAnEventUndoesEachOfItsPostingsOnce() throws {
        let (ledger, store) = F.make()
        try ledger.earn(100, "cash", to: F.m1, at: F.start, references: .init(eventID: "e-1"))
        try ledger.earn(50, "cash", to: F.m2, at: F.start, references: .init(eventID: "e-1"))
        try ledger.earn(7, "cash", to: F.m1, at: F.start, references: .init(eventID: "e-2"))
        #expect(try ledger.reverse(eventID: "e-1", at: F.start).map(\.amount) == [50, 100])
        #expect(try ledger.reverse(eventID: "e-1", at: F.start).isEmpty)
        #expect(try ledger.balance(of: F.m1, "cash", at: F.start).available == 7)
        #expect(try ledger.balance(of: F.m2, "cash", at: F.start).available == 0)
        try F.checkInvariants(ledger, store, at: F.start)
    }

    @Test func holdsTransfersAndExpiriesAreNotReversible() throws {
        let (ledger, store) = F.make()
        try ledger.earn(100, "cash", to: F.m1, at: F.start)
        let hold = try ledger.hold(10, "cash", from: F.m1, redemptionID: "r", at: F.start)
        let transfer = try ledger.transfer(10, "cash", from: F.m1, to: F.m2, at: F.start)
        let before = store.state
        #expect(throws: LedgerError.notReversible(postingID: hold.postingID, kind: .hold)) {
            try ledger.reverse(postingID: hold.postingID, at: F.start)
        }
        #expect(throws: LedgerError.notReversible(postingID: transfer.id, kind: .transfer)) {
            try ledger.reverse(postingID: transfer.id, at: F.start)
        }
        #expect(store.state == before)
    }

    @Test func aShortfallIsPaidFromTheHoldersOtherPointsBeforeItBecomesDebt() throws {
        let (ledger, store) = F.make()
        let earn = try ledger.earn(100, "cash", to: F.m1, at: F.start)
        try ledger.spend(80, "cash", from: F.m1, at: F.start)
        try ledger.earn(50, "cash", to: F.m1, at: F.days(1))
        let reversals = try ledger.reverse(postingID: earn.id, at: F.days(2))
        #expect(reversals.map(\.amount) == [20, 80])
        #expect(try ledger.balance(of: F.m1, "cash", at: F.days(2)) == LedgerBalance(debt: 30))
        #expect(store.state.postings.last?.kind == .recover && store.state.postings.last?.amount == 50)
        try F.checkInvariants(ledger, store, at: F.days(2))
    }

    @Test func aSpendReversedAfterItsLotExpiredLapsesAndIsWrittenOffAgain() throws {
        let (ledger, store) = F.make()
        let spend = try {
            try ledger.earn(100, "points", to: F.m1, at: F.start)
            return try ledger.spend(40, "points", from: F.m1, at: F.days(14))
        }()
        #expect(try ledger.expire(now: F.days(365)).map(\.amount) == [60])
        try ledger.reverse(postingID: spend.id, at: F.days(366))
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(366)) == LedgerBalance(lapsed: 40))
        #expect(try ledger.expire(now: F.days(366)).map(\.amount) == [40])
        #expect(store.balance(of: LedgerAccountCurrency(.programExpired, "points")) == 100)
        try F.checkInvariants(ledger, store, at: F.days(366))
    }
}

import Testing
import Engine
import TestSupport

private typealias F = LedgerFixture

struct LedgerEarnAndSpendTests {
    @Test func earnedPointsArePendingUntilThePendingDaysPass() throws {
        let (ledger, store) = F.make()
        let posting = try ledger.earn(100, "points", to: F.m1, at: F.start, references: .init(eventID: "e-1", ruleID: "r", ruleVersion: 3))
        #expect(posting.debit == .programIssued && posting.credit == .member("m-1") && posting.kind == .earn)
        #expect(posting.references.ruleVersion == 3 && posting.createdLots.count == 1)
        #expect(try ledger.balance(of: F.m1, "points", at: F.start) == LedgerBalance(pending: 100))
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(14)).available == 100)
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(14)).pending == 0)
        #expect(store.balance(of: LedgerAccountCurrency(.programIssued, "points")) == -100)
        try F.checkInvariants(ledger, store, at: F.days(14))
    }

    @Test func pendingPointsCannotBeSpent() throws {
        let (ledger, store) = F.make()
        try ledger.earn(100, "points", to: F.m1, at: F.start)
        let before = store.state
        #expect(throws: LedgerError.insufficientAvailable(available: 0, requested: 50)) {
            try ledger.spend(50, "points", from: F.m1, at: F.days(13))
        }
        #expect(store.state == before)
        try ledger.spend(50, "points", from: F.m1, at: F.days(14))
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(14)).available == 50)
    }

    @Test func spendingTakesTheLotsThatExpireFirst() throws {
        let (ledger, store) = F.make()
        let first = try ledger.earn(100, "points", to: F.m1, at: F.start)
        let second = try ledger.earn(100, "points", to: F.m1, at: F.days(1))
        let spend = try ledger.spend(150, "points", from: F.m1, at: F.days(20))
        #expect(spend.draws == [LotDraw(lotID: first.createdLots[0], amount: 100), LotDraw(lotID: second.createdLots[0], amount: 50)])
        #expect(store.lot(id: first.createdLots[0])?.remaining == 0)
        #expect(store.lot(id: second.createdLots[0])?.remaining == 50)
        try F.checkInvariants(ledger, store, at: F.days(20))
    }

    @Test func aSpendLargerThanTheBalanceIsRefusedAndChangesNothing() throws {
        let (ledger, store) = F.make()
        try ledger.earn(100, "cash", to: F.m1, at: F.start)
        let before = store.state
        #expect(throws: LedgerError.insufficientAvailable(available: 100, requested: 101)) {
            try ledger.spend(101, "cash", from: F.m1, at: F.start)
        }
        #expect(store.state == before)
        try ledger.spend(100, "cash", from: F.m1, at: F.start)
        #expect(try ledger.balance(of: F.m1, "cash", at: F.start).available == 0)
    }

    @Test func amountsAreOneToTenToTheTwelfth() throws {
        let (ledger, store) = F.make()
        for bad: Int64 in [0, -1, 1_000_000_000_001, .max, .min] {
            #expect(throws: LedgerError.amountOutOfRange(bad)) { try ledger.earn(bad, "cash", to: F.m1, at: F.start) }
        }
        #expect(store.state == InMemoryLedgerStore().state)
        try ledger.earn(1_000_000_000_000, "cash", to: F.m1, at: F.start)
        try ledger.earn(1, "cash", to: F.m1, at: F.start)
        #expect(try ledger.balance(of: F.m1, "cash", at: F.start).available == 1_000_000_000_001)
    }

    @Test func anOverflowingBalanceIsRefusedNotWrapped() throws {
        let (ledger, store) = F.make()
        store.setBalance(.min + 5, of: LedgerAccountCurrency(.programIssued, "cash"))
        let before = store.state
        #expect(throws: LedgerError.overflow) { try ledger.earn(10, "cash", to: F.m1, at: F.start) }
        #expect(store.state == before)
        try ledger.earn(5, "cash", to: F.m1, at: F.start)
    }

    @Test func unknownAndUnredeemableCurrenciesAreRefused() throws {
        let (ledger, store) = F.make()
        #expect(throws: LedgerError.unknownCurrency("gold")) { try ledger.earn(1, "gold", to: F.m1, at: F.start) }
        try ledger.earn(10, "credits", to: F.m1, at: F.start)
        #expect(throws: LedgerError.notRedeemable(currency: "credits")) { try ledger.spend(1, "credits", from: F.m1, at: F.start) }
        #expect(throws: LedgerError.notRedeemable(currency: "credits")) {
            try ledger.hold(1, "credits", from: F.m1, redemptionID: "r-1", at: F.start)
        }
        try F.checkInvariants(ledger, store, at: F.start)
    }
}

struct LedgerRedemptionTests {
    @Test func aReleasedHoldGoesBackToTheLotsItCameFrom() throws {
        let (ledger, store) = F.make()
        let a = try ledger.earn(100, "points", to: F.m1, at: F.start).createdLots[0]
        let b = try ledger.earn(100, "points", to: F.m1, at: F.days(1)).createdLots[0]
        try ledger.spend(30, "points", from: F.m1, at: F.days(20))
        let hold = try ledger.hold(120, "points", from: F.m1, redemptionID: "r-1", at: F.days(20))
        #expect(hold.state == .open)
        #expect(store.lot(id: a)?.remaining == 0 && store.lot(id: b)?.remaining == 50)
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(20)).available == 50)
        #expect(store.balance(of: LedgerAccountCurrency(.redemption("r-1"), "points")) == 120)
        try F.checkInvariants(ledger, store, at: F.days(20))

        let release = try ledger.release(redemptionID: "r-1", at: F.days(21))
        #expect(release.debit == .redemption("r-1") && release.credit == .member("m-1"))
        #expect(store.lot(id: a)?.remaining == 70 && store.lot(id: b)?.remaining == 100)
        #expect(store.hold(redemptionID: "r-1")?.state == .released)
        try F.checkInvariants(ledger, store, at: F.days(21))
        #expect(throws: LedgerError.redemptionClosed("r-1")) { try ledger.settle(redemptionID: "r-1", at: F.days(21)) }
    }

    @Test func aSettledHoldIsRedeemedOnce() throws {
        let (ledger, store) = F.make()
        try ledger.earn(100, "cash", to: F.m1, at: F.start)
        try ledger.hold(60, "cash", from: F.m1, redemptionID: "r-1", at: F.start)
        #expect(throws: LedgerError.redemptionExists("r-1")) {
            try ledger.hold(10, "cash", from: F.m1, redemptionID: "r-1", at: F.start)
        }
        try ledger.settle(redemptionID: "r-1", at: F.start)
        #expect(store.balance(of: LedgerAccountCurrency(.programRedeemed, "cash")) == 60)
        #expect(store.balance(of: LedgerAccountCurrency(.redemption("r-1"), "cash")) == 0)
        #expect(throws: LedgerError.redemptionClosed("r-1")) { try ledger.settle(redemptionID: "r-1", at: F.start) }
        #expect(throws: LedgerError.redemptionClosed("r-1")) { try ledger.release(redemptionID: "r-1", at: F.start) }
        #expect(throws: LedgerError.unknownRedemption("r-2")) { try ledger.release(redemptionID: "r-2", at: F.start) }
        #expect(try ledger.balance(of: F.m1, "cash", at: F.start).available == 40)
        try F.checkInvariants(ledger, store, at: F.start)
    }

    @Test func fiftyRedemptionsAgainstOneBalanceNeverOverdrawIt() throws {
        let (ledger, store) = F.make()
        try ledger.earn(1_000, "cash", to: F.m1, at: F.start)
        var placed = 0
        for index in 0..<50 {
            do {
                try ledger.hold(30, "cash", from: F.m1, redemptionID: "r-\(index)", at: F.start)
                placed += 1
            } catch let error as LedgerError {
                #expect(error == .insufficientAvailable(available: 10, requested: 30))
            }
        }
        #expect(placed == 33)
        #expect(try ledger.balance(of: F.m1, "cash", at: F.start).available == 10)
        #expect(store.state.holds.count == 33)
        try F.checkInvariants(ledger, store, at: F.start)
    }
}

struct LedgerAdjustAndTransferTests {
    @Test func aCreditAdjustmentIsAvailableAtOnceAndADebitOnlyFromAvailablePoints() throws {
        let (ledger, store) = F.make()
        let credit = try ledger.adjust(40, "points", for: F.m1, reason: "goodwill", at: F.start)
        #expect(credit.references.reason == "goodwill" && credit.kind == .adjust)
        try ledger.earn(100, "points", to: F.m1, at: F.start)
        #expect(try ledger.balance(of: F.m1, "points", at: F.start) == LedgerBalance(available: 40, pending: 100))
        #expect(throws: LedgerError.insufficientAvailable(available: 40, requested: 41)) {
            try ledger.adjust(-41, "points", for: F.m1, reason: "typo", at: F.start)
        }
        #expect(throws: LedgerError.emptyReason) { try ledger.adjust(5, "points", for: F.m1, reason: "", at: F.start) }
        #expect(throws: LedgerError.amountOutOfRange(0)) { try ledger.adjust(0, "points", for: F.m1, reason: "x", at: F.start) }
        #expect(throws: LedgerError.amountOutOfRange(.min)) { try ledger.adjust(.min, "points", for: F.m1, reason: "x", at: F.start) }
        let debit = try ledger.adjust(-40, "points", for: F.m1, reason: "typo", at: F.start)
        #expect(debit.debit == .member("m-1") && debit.credit == .programIssued)
        try F.checkInvariants(ledger, store, at: F.start)
    }

    @Test func aTransferKeepsTheSendersExpiry() throws {
        let (ledger, store) = F.make()
        let source = try ledger.earn(100, "points", to: F.m1, at: F.start).createdLots[0]
        let transfer = try ledger.transfer(60, "points", from: F.m1, to: F.org, at: F.days(15))
        let received = store.lot(id: transfer.createdLots[0])!
        #expect(received.holder == F.org && received.amount == 60)
        #expect(received.expiresAt == store.lot(id: source)!.expiresAt && received.earnedAt == F.start)
        #expect(try ledger.balance(of: F.org, "points", at: F.days(15)).available == 60)
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(15)).available == 40)
        #expect(throws: LedgerError.sameAccount(.member("m-1"))) { try ledger.transfer(1, "points", from: F.m1, to: F.m1, at: F.days(15)) }
        #expect(throws: LedgerError.insufficientAvailable(available: 40, requested: 41)) {
            try ledger.transfer(41, "points", from: F.m1, to: F.m2, at: F.days(15))
        }
        try F.checkInvariants(ledger, store, at: F.days(15))
    }
}

struct LedgerExpireTests {
    @Test func expiredLotsLapseAndAreThenWrittenOff() throws {
        let (ledger, store) = F.make()
        try ledger.earn(100, "points", to: F.m1, at: F.start)
        try ledger.earn(50, "points", to: F.m1, at: F.days(200))
        try ledger.spend(30, "points", from: F.m1, at: F.days(300))
        let beforeExpiry = try ledger.balance(of: F.m1, "points", at: F.days(300), expiringWithinDays: 65)
        #expect(beforeExpiry == LedgerBalance(available: 120, expiringSoon: 70))
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(365)) == LedgerBalance(available: 50, lapsed: 70))
        #expect(throws: LedgerError.insufficientAvailable(available: 50, requested: 51)) {
            try ledger.spend(51, "points", from: F.m1, at: F.days(365))
        }
        #expect(try ledger.expire(now: F.days(364)).isEmpty)
        let expired = try ledger.expire(now: F.days(365))
        #expect(expired.map(\.amount) == [70] && expired[0].credit == .programExpired)
        #expect(try ledger.balance(of: F.m1, "points", at: F.days(365)) == LedgerBalance(available: 50))
        #expect(try ledger.expire(now: F.days(365)).isEmpty)
        try F.checkInvariants(ledger, store, at: F.days(365))
    }
}

struct LedgerErrorTests {
    @Test func refusalsMapToTheDomainsStatuses() {
        #expect(LedgerError.insufficientAvailable(available: 1, requested: 2).domainError == .conflict("2 requested, 1 available"))
        #expect(LedgerError.unknownPosting(7).domainError == .notFound(kind: "posting", id: "7"))
        #expect(LedgerError.unknownRedemption("r").domainError == .notFound(kind: "redemption", id: "r"))
        guard case .unprocessable(let problems) = LedgerError.amountOutOfRange(0).domainError else {
            Issue.record("an amount out of range is unprocessable")
            return
        }
        #expect(problems.map(\.path) == ["$.amount"])
    }

    static let validationErrors: [LedgerError] = [
        .amountOutOfRange(0), .overflow, .unknownCurrency("gems"), .notRedeemable(currency: "status"),
        .notAHolder(.member("m-1")), .sameAccount(.member("m-1")), .emptyReason,
    ]

    /// Each reaches the client as problem+json, whose paths are JSON paths into the request.
    @Test(arguments: validationErrors)
    func everyProblemNamesAJSONPath(_ error: LedgerError) {
        let problems: [ValidationError]
        switch error.domainError {
        case .invalid(let found), .unprocessable(let found): problems = found
        default: Issue.record("\(error) is not a validation error"); return
        }
        #expect(!problems.isEmpty)
        for problem in problems {
            #expect(problem.path == "$" || problem.path.hasPrefix("$."), "\(error): \(problem.path)")
        }
    }
}

import Testing
import Engine
@testable import Storage
import TestSupport

/// SQL sums a holder's lots itself (`SQLStore.lotTotals`); it must agree with `LotTotals` built
/// from the lots, most of all at the instants where a lot changes state. Only lots earned with pending
/// days are ever pending (migration 0039).
struct LotTotalsStorageTests {
    @Test func sqlSumsAgreeWithTheLotsAtEveryBoundary() throws {
        let db = try TestDatabase()
        try db.ledger { ledger in
            _ = try ledger.earn(100, "points", to: LedgerFixture.m1, at: LedgerFixture.start)           // pending 14 days, expires in 365
            _ = try ledger.earn(40, "points", to: LedgerFixture.m1, at: LedgerFixture.days(20))
            _ = try ledger.earn(7, "cash", to: LedgerFixture.m1, at: LedgerFixture.start)               // never expires
            _ = try ledger.earn(5, "points", to: LedgerFixture.m2, at: LedgerFixture.start)             // another holder
            // Dated two minutes ahead (the skew intake allows) in a currency without pending days.
            _ = try ledger.earn(3, "cash", to: LedgerFixture.m1, at: LedgerFixture.start.adding(milliseconds: 120_000))
        }
        let instants: [Timestamp] = [
            LedgerFixture.start, LedgerFixture.days(14).adding(milliseconds: -1), LedgerFixture.days(14), LedgerFixture.days(34),
            LedgerFixture.days(340), LedgerFixture.days(365).adding(milliseconds: -1), LedgerFixture.days(365), LedgerFixture.days(385),
        ]
        try db.readLedger { _, store in
            for at in instants {
                for horizonDays: Int64 in [0, 30] {
                    let horizon = at.adding(milliseconds: horizonDays * LedgerFixture.dayMs)
                    for currency in ["points", "cash", "credits"] {
                        let lots = try store.openLots(holder: LedgerFixture.m1, currency: currency)
                        let sql = try store.lotTotals(holder: LedgerFixture.m1, currency: currency, at: at, expiringBefore: horizon)
                        #expect(sql == LotTotals(lots, at: at, expiringBefore: horizon), "\(currency) at \(at.rfc3339) +\(horizonDays)d")
                    }
                }
            }
            // Pending is the currency's doing: a lot earned ahead of the clock without pending days is available at once.
            let ahead = try store.lotTotals(holder: LedgerFixture.m1, currency: "cash", at: LedgerFixture.start, expiringBefore: LedgerFixture.start)
            #expect(ahead == LotTotals(available: 10, pending: 0, lapsed: 0, expiringSoon: 0))
            let pendingAtStart = try store.lotTotals(
                holder: LedgerFixture.m1, currency: "points", at: LedgerFixture.start, expiringBefore: LedgerFixture.start)
            #expect(pendingAtStart == LotTotals(available: 0, pending: 140, lapsed: 0, expiringSoon: 0), "both points lots run their 14 days")
            let justBeforeExpiry = LedgerFixture.days(365).adding(milliseconds: -1)
            let totals = try store.lotTotals(
                holder: LedgerFixture.m1, currency: "points", at: justBeforeExpiry, expiringBefore: justBeforeExpiry.adding(milliseconds: 1))
            #expect(totals == LotTotals(available: 140, pending: 0, lapsed: 0, expiringSoon: 100))
            let atExpiry = try store.lotTotals(holder: LedgerFixture.m1, currency: "points", at: LedgerFixture.days(365), expiringBefore: LedgerFixture.days(365))
            #expect(atExpiry == LotTotals(available: 40, pending: 0, lapsed: 100, expiringSoon: 0))
        }
    }
}

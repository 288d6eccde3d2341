import Testing
import Engine
@testable import Storage
import TestSupport

/// SQL picks the lots a spend takes itself, a page at a time (`SQLStore.lotsToSpend`); it must pick
/// exactly what `Lot.spendsBefore` over every available lot would, across pages, ties of expiry
/// and earning time, pending, expired and never-expiring lots.
struct LotsToSpendStorageTests {
    @Test func sqlTakesTheLotsTheSpendingOrderWouldAcrossPages() throws {
        let db = try TestDatabase()
        let lotCount = 3 * SQLStore.spendPageSize + 17
        try db.ledger { ledger in
            for index in 0..<Int64(lotCount) {
                let earnedAt = LedgerFixture.days(index % 11)  // not in id order, so that ties fall to earning time
                var lot = Lot(
                    id: try ledger.store.nextLotID(), holder: LedgerFixture.m1, currency: "points", amount: 10 + index % 13,
                    earnedAt: earnedAt,
                    availableAt: index % 4 == 0 ? earnedAt.adding(milliseconds: 14 * LedgerFixture.dayMs) : earnedAt,
                    expiresAt: index % 3 == 0 ? nil : LedgerFixture.days(100 + index % 7))  // many lots share an expiry
                if index % 9 == 0 { lot.remaining = lot.amount / 2 }
                try ledger.store.save(lot)
            }
        }
        try db.readLedger { _, store in
            for at in [LedgerFixture.days(5), LedgerFixture.days(30), LedgerFixture.days(103), LedgerFixture.days(200)] {
                let available = try store.openLots(holder: LedgerFixture.m1, currency: "points")
                    .filter { $0.isAvailable(at: at) }.sorted(by: Lot.spendsBefore)
                let total = available.reduce(0) { $0 + $1.remaining }
                for amount in [1, 25, 1_000, 2_500, total - 1, total, total + 1, .max] where amount > 0 {
                    let sql = try store.lotsToSpend(holder: LedgerFixture.m1, currency: "points", at: at, covering: amount)
                    #expect(sql.map(\.id) == Lot.fewest(of: available, covering: amount).map(\.id), "\(amount) at \(at.rfc3339)")
                }
            }
            #expect(try store.lotsToSpend(holder: LedgerFixture.m2, currency: "points", at: LedgerFixture.start, covering: 10).isEmpty)
        }
    }
}

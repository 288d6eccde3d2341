import Dispatch
import Foundation
import Testing
import Engine
import SQLite
@testable import Storage
import TestSupport

private typealias L = LedgerFixture

struct LedgerStorageTests {
    @Test func anEarnStoresItsPostingItsLotAndBothBalances() throws {
        let db = try TestDatabase()
        let posting = try db.ledger {
            try $0.earn(100, "points", to: L.m1, at: L.start, references: .init(eventID: "e-1", ruleID: "r-1", ruleVersion: 3))
        }
        let row = try #require(try db.rows("SELECT * FROM ledger_postings").only)
        #expect(row.int64("id") == 1 && row.string("kind") == "earn" && row.int64("amount") == 100)
        #expect(row.string("debit") == "program:issued" && row.string("credit") == "member:m-1")
        #expect(row.string("event_id") == "e-1" && row.string("rule_id") == "r-1" && row.int64("rule_version") == 3)
        #expect(row.string("created_lots") == "[1]" && row["draws"] == .null && row.int64("at") == L.start.millisecondsSinceEpoch)
        let lot = try #require(try db.rows("SELECT * FROM ledger_lots").only)
        #expect(lot.string("holder") == "member:m-1" && lot.int64("remaining") == 100 && lot.int64("expired") == 0)
        #expect(lot.int64("available_at") == L.days(14).millisecondsSinceEpoch)
        #expect(lot.int64("expires_at") == L.days(365).millisecondsSinceEpoch)
        let balances = try db.ledgerSnapshot().balances
        #expect(balances == [LedgerAccountCurrency(.programIssued, "points"): -100, LedgerAccountCurrency(.member("m-1"), "points"): 100])
        try db.readLedger { ledger, store throws in
            #expect(try store.posting(id: 1) == posting)
            #expect(try store.postings(eventID: "e-1") == [posting])
            #expect(try ledger.balance(of: L.m1, "points", at: L.start) == LedgerBalance(pending: 100, expiringSoon: 0))
        }
    }

    @Test func aSpendStoresItsDrawsAndOnlyLotsWithSomethingLeftAreOpen() throws {
        let db = try TestDatabase()
        let spend = try db.ledger { ledger in
            try ledger.earn(100, "cash", to: L.m1, at: L.start)
            try ledger.earn(100, "cash", to: L.m1, at: L.days(1))
            return try ledger.spend(150, "cash", from: L.m1, at: L.days(2))
        }
        #expect(spend.draws == [LotDraw(lotID: 1, amount: 100), LotDraw(lotID: 2, amount: 50)])
        #expect(try db.rows("SELECT draws FROM ledger_postings WHERE id = 3").only?.string("draws") == "[[1,100],[2,50]]")
        try db.readLedger { _, store throws in
            #expect(try store.posting(id: 3) == spend)
            #expect(try store.openLots(holder: L.m1, currency: "cash").map(\.id) == [2])
            #expect(try store.lot(id: 1)?.remaining == 0)
            #expect(try store.balance(of: LedgerAccountCurrency(.programRedeemed, "cash")) == 150)
        }
    }

    @Test func holdReleaseAndSettleKeepTheHoldRowAndTheRedemptionAccount() throws {
        let db = try TestDatabase()
        try db.ledger { ledger in
            try ledger.earn(100, "cash", to: L.m1, at: L.start)
            try ledger.hold(30, "cash", from: L.m1, redemptionID: "r-1", at: L.start)
            try ledger.hold(20, "cash", from: L.m1, redemptionID: "r-2", at: L.start)
        }
        try db.readLedger { _, store throws in
            #expect(try store.hold(redemptionID: "r-1") == LedgerHold(
                redemptionID: "r-1", holder: L.m1, currency: "cash", amount: 30, postingID: 2, state: .open))
            #expect(try store.balance(of: LedgerAccountCurrency(.redemption("r-1"), "cash")) == 30)
        }
        let refused = try db.ledger { ledger in
            #expect(throws: LedgerError.redemptionExists("r-1")) { try ledger.hold(1, "cash", from: L.m1, redemptionID: "r-1", at: L.start) }
            try ledger.release(redemptionID: "r-1", at: L.days(1))
            try ledger.settle(redemptionID: "r-2", at: L.days(1))
            return (try? ledger.settle(redemptionID: "r-1", at: L.days(1))) == nil
        }
        #expect(refused)
        let snapshot = try db.ledgerSnapshot()
        #expect(snapshot.holds["r-1"]?.state == .released && snapshot.holds["r-2"]?.state == .settled)
        #expect(snapshot.balances[LedgerAccountCurrency(.redemption("r-1"), "cash")] == 0)
        #expect(snapshot.balances[LedgerAccountCurrency(.programRedeemed, "cash")] == 20)
        #expect(snapshot.lots[1]?.remaining == 80)
        #expect(snapshot.postings.map(\.kind) == [.earn, .hold, .hold, .release, .settle])
    }

    @Test func reversingAPartlySpentEarnMarksItAndRecordsTheDebt() throws {
        let db = try TestDatabase()
        let reversals = try db.ledger { ledger in
            try ledger.earn(100, "cash", to: L.m1, at: L.start, references: .init(eventID: "e-1"))
            try ledger.spend(60, "cash", from: L.m1, at: L.start)
            return try ledger.reverse(eventID: "e-1", at: L.days(1))
        }
        #expect(reversals.map(\.amount) == [40, 60] && reversals.allSatisfy { $0.references.reversalOf == 1 })
        #expect(try db.rows("SELECT posting_id FROM ledger_reversed").map { $0.int64("posting_id") } == [1])
        try db.readLedger { ledger, store throws in
            #expect(try store.isReversed(postingID: 1) && !(try store.isReversed(postingID: 2)))
            #expect(try ledger.debt(of: L.m1, "cash") == 60)
            #expect(try store.lot(id: 1)?.reversed == true)
            #expect(try store.postings(eventID: "e-1").map(\.id) == [1, 3, 4])
        }
        let again = try db.ledger { ledger in
            #expect(throws: LedgerError.alreadyReversed(postingID: 1)) { try ledger.reverse(postingID: 1, at: L.days(1)) }
            return try ledger.reverse(eventID: "e-1", at: L.days(1))
        }
        #expect(again.isEmpty)
        // The debt is paid from the next earn.
        try db.ledger { try $0.earn(100, "cash", to: L.m1, at: L.days(2)) }
        try db.readLedger { ledger, _ throws in
            #expect(try ledger.debt(of: L.m1, "cash") == 0)
            #expect(try ledger.balance(of: L.m1, "cash", at: L.days(2)).available == 40)
        }
    }

    @Test func expiryWritesOffExpiredLotsOnceAndTheyLeaveTheExpiringIndex() throws {
        let db = try TestDatabase()
        try db.ledger { ledger in
            try ledger.earn(100, "points", to: L.m1, at: L.start)
            try ledger.earn(50, "points", to: L.m2, at: L.days(10))
            try ledger.earn(70, "cash", to: L.m2, at: L.days(10))
        }
        try db.readLedger { _, store throws in
            #expect(try store.lotsExpired(at: L.days(364)).isEmpty)
            #expect(try store.lotsExpired(at: L.days(375)).map(\.id) == [1, 2])
        }
        let expired = try db.ledger { try $0.expire(now: L.days(365)) }
        #expect(expired.map(\.amount) == [100] && expired.first?.debit == .member("m-1") && expired.first?.credit == .programExpired)
        try db.readLedger { _, store throws in
            #expect(try store.lot(id: 1)?.remaining == 0 && (try store.lot(id: 1)?.expired) == 100)
            #expect(try store.lotsExpired(at: L.days(375)).map(\.id) == [2])
            #expect(try store.balance(of: LedgerAccountCurrency(.programExpired, "points")) == 100)
        }
        #expect(try db.ledger { try $0.expire(now: L.days(365)) }.isEmpty)
    }

    @Test func aRefusedOperationInsideALargerWriteIsUndoneAloneAndGivesItsIDsBack() throws {
        let db = try TestDatabase()
        let result = try db.ledger { ledger in
            let first = try ledger.earn(100, "cash", to: L.m1, at: L.start)
            #expect(throws: LedgerError.insufficientAvailable(available: 100, requested: 500)) {
                try ledger.spend(500, "cash", from: L.m1, at: L.start)
            }
            #expect(throws: LedgerError.notRedeemable(currency: "credits")) {
                try ledger.spend(1, "credits", from: L.m1, at: L.start)
            }
            // A transfer that wrote a posting and a lot, then was given up inside its savepoint.
            struct GivenUp: Error {}
            #expect(throws: GivenUp.self) {
                try ledger.store.atomically { () throws -> Void in
                    #expect(try ledger.transfer(50, "cash", from: L.m1, to: L.m2, at: L.start).id == 2)
                    throw GivenUp()
                }
            }
            let second = try ledger.earn(5, "cash", to: L.m1, at: L.start)
            return (first.id, second.id, second.createdLots)
        }
        #expect(result.0 == 1 && result.1 == 2 && result.2 == [2])
        let snapshot = try db.ledgerSnapshot()
        #expect(snapshot.postings.map(\.amount) == [100, 5])
        #expect(snapshot.balances[LedgerAccountCurrency(.member("m-1"), "cash")] == 105)
    }

    @Test func anOperationThatFailsAfterWritingIsRolledBackToItsSavepoint() throws {
        let db = try TestDatabase()
        try db.ledger { try $0.earn(100, "cash", to: L.m1, at: L.start) }
        // The receiver's balance would overflow: refused in `post`, after the transfer has drawn
        // on the sender's lots and created the receiver's lots.
        try db.write { store in
            let sql = try #require(store as? SQLStore)
            try sql.setBalance(.max - 10, of: LedgerAccountCurrency(.member("m-2"), "cash"))
        }
        let before = try db.ledgerSnapshot()
        let refusal = try db.ledger { ledger -> LedgerError? in
            do {
                try ledger.transfer(50, "cash", from: L.m1, to: L.m2, at: L.start)
                return nil
            } catch let error as LedgerError {
                return error
            }
        }
        #expect(refusal == .overflow)
        #expect(try db.ledgerSnapshot() == before)
    }

    @Test func aWriteThatThrowsAfterALedgerOperationKeepsNothingOfIt() throws {
        struct Abandoned: Error {}
        let db = try TestDatabase()
        try db.ledger { try $0.earn(100, "cash", to: L.m1, at: L.start) }
        #expect(throws: Abandoned.self) {
            try db.ledger { ledger in
                try ledger.earn(7, "cash", to: L.m1, at: L.start)
                throw Abandoned()
            }
        }
        let snapshot = try db.ledgerSnapshot()
        #expect(snapshot.postings.count == 1 && snapshot.lots.count == 1)
        #expect(snapshot.balances[LedgerAccountCurrency(.member("m-1"), "cash")] == 100)
    }

    @Test func postingsAndReversalMarkersCannotBeEditedOrDeleted() throws {
        let db = try TestDatabase()
        try db.ledger { ledger in
            try ledger.earn(100, "cash", to: L.m1, at: L.start)
            try ledger.reverse(postingID: 1, at: L.start)
        }
        for sql in ["UPDATE ledger_postings SET amount = 1", "DELETE FROM ledger_postings", "DELETE FROM ledger_reversed"] {
            #expect(throws: SQLiteError.self) {
                try db.write { store in try #require(store as? SQLStore).connection.run(sql) }
            }
        }
        #expect(try db.ledgerSnapshot().postings.count == 2)
    }

    @Test func writesCommittedTogetherGetDistinctConsecutiveIDs() throws {
        let db = try TestDatabase()
        let count = 60
        let results = LockedResults()
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            // Every third asks for more than m-1 can have: refused inside its own write.
            let operation: LedgerOperation = index % 3 == 2
                ? .spend(1_000_000, "cash", L.m1, eventID: "e-\(index)")
                : .earn(Int64(index + 1), "cash", L.m1, eventID: "e-\(index)")
            db.store.write({ store in
                try operation.apply(to: Ledger(store: try #require(store as? SQLStore), policies: L.policies), at: L.start)
            }, completion: { result in
                results.append(result)
                group.leave()
            })
        }
        group.wait()
        let outcomes = try results.values.map { try $0.get() }
        #expect(outcomes.filter(\.isRefused).count == count / 3)
        let snapshot = try db.ledgerSnapshot()
        #expect(snapshot.postings.map(\.id) == Array(1...Int64(count - count / 3)))
        #expect(snapshot.lots.keys.sorted() == Array(1...Int64(count - count / 3)))
        let earned = (0..<count).filter { $0 % 3 != 2 }.reduce(Int64(0)) { $0 + Int64($1 + 1) }
        #expect(snapshot.balances[LedgerAccountCurrency(.member("m-1"), "cash")] == earned)
    }

    @Test func theLedgersQueriesUseTheirIndexes() throws {
        let db = try TestDatabase()
        let plans = try db.readLedger { _, store throws in
            try [
                ("SELECT \(SQLStore.postingColumns) FROM ledger_postings WHERE event_id = ? ORDER BY id", [.text("e-1")]),
                ("SELECT \(SQLStore.lotColumns) FROM ledger_lots WHERE holder = ? AND currency = ? AND remaining > 0",
                 [.text("member:m-1"), .text("cash")]),
                (SQLStore.lotTotalsSQL, [.integer(0), .integer(0), .text("member:m-1"), .text("cash")]),
                ("""
                SELECT \(SQLStore.lotColumns) FROM ledger_lots
                WHERE remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY id
                """, [.integer(0)]),
            ].map { (sql: String, arguments: [SQLiteValue]) in
                try store.connection.query("EXPLAIN QUERY PLAN " + sql, arguments)
                    .compactMap { $0.string("detail") }.joined(separator: "; ")
            }
        }
        #expect(plans[0].contains("ledger_postings_by_event"), "\(plans[0])")
        #expect(plans[1].contains("ledger_lots_open"), "\(plans[1])")
        #expect(plans[2].contains("COVERING INDEX ledger_lots_open"), "balances read the index alone: \(plans[2])")
        #expect(plans[3].contains("ledger_lots_expiring"), "\(plans[3])")
    }
}

/// Results reported on the writer's completion queue, collected for the test thread.
final class LockedResults: @unchecked Sendable {  // `lock` protects `stored`
    private let lock = NSLock()
    private var stored: [Result<LedgerOutcome, any Error>] = []

    func append(_ result: Result<LedgerOutcome, any Error>) {
        lock.withLock { stored.append(result) }
    }

    var values: [Result<LedgerOutcome, any Error>] { lock.withLock { stored } }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

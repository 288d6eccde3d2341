import Testing
import Engine
import SQLite
@testable import Storage
import TestSupport

private typealias L = LedgerFixture

/// `postings(account:currency:beforeID:limit:)` over SQL agrees with a plain filter of every
/// posting, on both sides of a posting, across currencies, at every page boundary.
struct LedgerHistoryStorageTests {
    /// m-1 earns in two currencies, spends, gives to m-2, receives from m-2 and is adjusted.
    private static func history(_ db: TestDatabase) throws -> [LedgerPosting] {
        try db.ledger { ledger in
            try ledger.earn(100, "cash", to: L.m1, at: L.start, references: .init(eventID: "e-1"))
            try ledger.earn(40, "credits", to: L.m1, at: L.start)
            try ledger.earn(70, "cash", to: L.m2, at: L.start)
            try ledger.spend(30, "cash", from: L.m1, at: L.days(1))
            try ledger.transfer(20, "cash", from: L.m1, to: L.m2, at: L.days(2))
            try ledger.transfer(5, "cash", from: L.m2, to: L.m1, at: L.days(3))
            try ledger.earn(9, "credits", to: L.org, at: L.days(3))
            try ledger.adjust(-10, "credits", for: L.m1, reason: "typo", at: L.days(4))
        }
        return try db.ledgerSnapshot().postings
    }

    @Test func everyPageMatchesAFilterOfAllPostingsNewestFirst() throws {
        let db = try TestDatabase()
        let all = try Self.history(db)
        #expect(all.count == 8)
        for account in [LedgerAccount.member("m-1"), .member("m-2"), .organization("o-1"), .programIssued] {
            for currency in [nil, "cash", "credits", "none"] as [String?] {
                let expected = all.reversed().filter {
                    ($0.debit == account || $0.credit == account) && (currency == nil || $0.currency == currency)
                }
                for limit in 1...4 {
                    var seen: [LedgerPosting] = []
                    var before: Int64?
                    while true {
                        let page = try db.readLedger { _, store in
                            try store.postings(account: account, currency: currency, beforeID: before, limit: limit)
                        }
                        #expect(page.count <= limit)
                        seen += page
                        guard page.count == limit, let last = page.last else { break }
                        before = last.id
                    }
                    #expect(seen == Array(expected), "\(account) \(currency ?? "all") limit \(limit)")
                }
            }
        }
    }

    @Test func aListingWalksTheAccountIndexesRatherThanEveryPosting() throws {
        let db = try TestDatabase()
        _ = try Self.history(db)
        for column in ["debit", "credit"] {
            let plan = try db.rows(
                """
                EXPLAIN QUERY PLAN SELECT id FROM ledger_postings
                WHERE \(column) = ? AND currency = ? AND id < ? ORDER BY id DESC LIMIT ?
                """, [.text("member:m-1"), .text("cash"), .integer(.max), .integer(10)]
            ).compactMap { $0.string("detail") }.joined(separator: "\n")
            #expect(plan.contains("ledger_postings_by_\(column)"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "no sort needed: \(plan)")
        }
    }
}

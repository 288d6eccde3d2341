import Foundation
import Engine
import SQLite
import Testing
@testable import Storage
import TestRandom
import TestSupport

/// The lifetime earnings kept on balance rows (migration 0015) must always equal the sum of the
/// postings that define them, through every kind of ledger operation, and the migration's
/// backfill must compute the same figures from postings alone.
struct LifetimeEarningsStorageTests {
    static let beginning = Timestamp(millisecondsSinceEpoch: Int64.min / 2)

    @Test(arguments: [11 as UInt64, 0xBEEF])
    func theKeptFigureEqualsThePostingsAfterEveryOperation(seed: UInt64) throws {
        let db = try TestDatabase()
        let clock = ManualClock(LedgerFixture.start)
        var generator = LedgerStoragePropertyTests.OperationGenerator(random: SplitMix64(state: seed))
        var postingCount = 0
        var openRedemptions: [String] = []
        for step in 0..<300 {
            clock.advance(milliseconds: Int64(generator.random.below(Int(LedgerFixture.dayMs))))
            let now = clock.now()
            let operation = generator.next(step: step, postingCount: postingCount, openRedemptions: openRedemptions)
            _ = try db.ledger(LedgerStoragePropertyTests.policies) { try operation.apply(to: $0, at: now) }
            let snapshot = try db.ledgerSnapshot()
            postingCount = snapshot.postings.count
            openRedemptions = snapshot.holds.values.filter { $0.state == .open }.map(\.redemptionID).sorted()
            let after = now.adding(milliseconds: 1)
            try db.read { store in
                for holder in LedgerStoragePropertyTests.holders {
                    for currency in ["points", "cash"] {
                        let kept = try store.earned(holder: holder, currency: currency, from: nil, until: after)
                        let summed = try store.earned(holder: holder, currency: currency, from: Self.beginning, until: after)
                        #expect(kept == summed, "step \(step) \(operation.name): \(holder) \(currency)")
                    }
                }
            }
        }
        // A lifetime asked before the latest earning cannot use the kept figure: it sums.
        let early = LedgerFixture.start.adding(milliseconds: LedgerFixture.dayMs * 3)
        try db.read { store in
            for holder in LedgerStoragePropertyTests.holders {
                let asked = try store.earned(holder: holder, currency: "points", from: nil, until: early)
                #expect(asked == (try store.earned(holder: holder, currency: "points", from: Self.beginning, until: early)))
            }
        }
        try checkBackfill(db)
    }

    /// Forgets the kept figures, runs the migration's UPDATE, and expects the same figures back.
    private func checkBackfill(_ db: TestDatabase) throws {
        let kept = try figures(db)
        #expect(kept.values.contains { $0.earned != 0 })
        let migration = try String(contentsOfFile: TestDatabase.migrationsDirectory + "/0015_lifetime_earnings.sql", encoding: .utf8)
        let backfill = try #require(migration.range(of: "UPDATE ledger_balances SET").map { String(migration[$0.lowerBound...]) })
        try db.write { store in
            let connection = try #require(store as? SQLStore).connection
            try connection.execute("UPDATE ledger_balances SET earned = 0, earned_until = 0")
            try connection.execute(backfill)
        }
        #expect(try figures(db) == kept)
    }

    private struct Figures: Equatable, Sendable {
        var earned: Int64
        var until: Int64
    }

    private func figures(_ db: TestDatabase) throws -> [String: Figures] {
        try db.write { store in
            let connection = try #require(store as? SQLStore).connection
            var figures: [String: Figures] = [:]
            for row in try connection.query("SELECT account, currency, earned, earned_until FROM ledger_balances") {
                figures["\(row.string("account") ?? "") \(row.string("currency") ?? "")"] =
                    Figures(earned: row.int64("earned") ?? 0, until: row.int64("earned_until") ?? 0)
            }
            return figures
        }
    }
}

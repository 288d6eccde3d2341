import Foundation
import Engine
import SQLite
import Testing
@testable import Storage

/// The scheduler over real SQL: a job's work and its new state commit together, a failing job
/// leaves no trace but its failure, a crash before COMMIT leaves it due, and big work is chunked.
@Suite struct JobStorageTests {
    static let dayMs: Int64 = 86_400_000
    static let t0 = RFC3339.parse("2026-03-10T12:00:00Z")!
    static let policies = ["points": LedgerCurrencyPolicy(redeemable: true, expiry: .afterDays(1), pendingDays: 0)]

    /// Earns `amounts` as separate lots of `points` (expiring a day later) for m-1 at t0.
    static func earn(_ amounts: [Int64], in store: any StoreWriter) throws {
        let ledger = Ledger(store: store, policies: policies)
        for amount in amounts { try ledger.earn(amount, "points", to: .member("m-1"), at: t0) }
    }

    /// Runs chunks until nothing is due at `now`; every run, in order.
    static func runAll(at now: Timestamp, settings: JobSettings = JobSettings(), in db: TestDatabase) throws -> [JobRunner.Run] {
        var runs: [JobRunner.Run] = []
        while let run = try db.write({ try JobRunner.runNext(now: now, settings: settings, in: $0) }) {
            runs.append(run)
            try #require(runs.count < 100, "a pass ends")
        }
        return runs
    }

    static func balance(_ db: TestDatabase, at: Timestamp) throws -> LedgerBalance {
        try db.read { try LedgerView($0).balance(of: .member("m-1"), "points", at: at) }
    }

    @Test func anExpiryRunsItsWorkAndReschedulesInOneCommitAndNeverTwice() throws {
        let db = try TestDatabase()
        try db.write { try Self.earn([100, 40], in: $0) }
        let now = Self.t0.adding(milliseconds: 2 * Self.dayMs)
        let runs = try Self.runAll(at: now, in: db)
        #expect(runs.map(\.key) == ["idempotency.purge", "ledger.expire", "ledger.mature", "messages.expiry_reminders"])
        #expect(runs.allSatisfy { $0.outcome == "next" })
        #expect(runs[1].result == ["expired_lots": 2, "expired_amount": 140])
        #expect(try Self.balance(db, at: now) == LedgerBalance())
        let job = try #require(try db.read { try $0.job(key: "ledger.expire") })
        #expect(job.state == .scheduled && job.runs == 1 && job.attempts == 0 && job.lastRunAt == now)
        #expect(job.dueAt == now.adding(milliseconds: JobSettings().expiryPeriodMs))
        // Nothing is due again at the same instant: the job is not run a second time.
        #expect(try Self.runAll(at: now, in: db).isEmpty)
        let postings = try db.read { try $0.postings(account: .member("m-1"), currency: "points", beforeID: nil, limit: 10) }
        #expect(postings.filter { $0.kind == .expire }.count == 2)
    }

    @Test func aBigExpiryIsWrittenOffInChunks() throws {
        let db = try TestDatabase()
        try db.write { try Self.earn([1, 2, 3, 4, 5], in: $0) }
        var settings = JobSettings()
        settings.chunkMax = 2
        let runs = try Self.runAll(at: Self.t0.adding(milliseconds: 2 * Self.dayMs), settings: settings, in: db)
        let expiry = runs.filter { $0.kind == .ledgerExpire }
        #expect(expiry.map(\.outcome) == ["more", "more", "next"])
        #expect(expiry.map { $0.result?.objectValue?["expired_lots"] } == [.int(2), .int(2), .int(1)])
    }

    @Test func aJobWhoseWorkThrowsIsRolledBackAndRetriedWithAttemptsAndError() throws {
        let db = try TestDatabase()
        try db.write { try Self.earn([100, 13], in: $0) }
        // The second lot's expiry posting fails after the first one was written.
        try db.write { store in
            try (store as! SQLStore).connection.execute("""
                CREATE TRIGGER refuse_13 BEFORE INSERT ON ledger_postings WHEN NEW.kind = 'expire' AND NEW.amount = 13
                BEGIN SELECT RAISE(ABORT, 'refused for the test'); END
                """)
        }
        let now = Self.t0.adding(milliseconds: 2 * Self.dayMs)
        let failed = try #require(try Self.runAll(at: now, in: db).first { $0.kind == .ledgerExpire })
        #expect(failed.outcome == "failed")
        #expect(failed.error?.contains("refused for the test") == true)
        let job = try #require(try db.read { try $0.job(key: "ledger.expire") })
        #expect(job.attempts == 1 && job.runs == 0 && job.dueAt == now.adding(milliseconds: 1_000))
        #expect(job.lastError?.contains("refused for the test") == true)
        // The first lot's write-off was undone with the rest.
        #expect(try Self.balance(db, at: now).lapsed == 113)
        #expect(try db.read { try $0.lotsExpired(at: now) }.count == 2)

        try db.write { try ($0 as! SQLStore).connection.execute("DROP TRIGGER refuse_13") }
        let retried = try Self.runAll(at: now.adding(milliseconds: 1_000), in: db)
        #expect(retried.map(\.outcome) == ["next"])
        let after = try #require(try db.read { try $0.job(key: "ledger.expire") })
        #expect(after.attempts == 0 && after.lastError == nil && after.runs == 1)
        #expect(try Self.balance(db, at: now).lapsed == 0)
    }

    @Test func aCrashBetweenClaimAndCommitLeavesTheJobDueAndTheWorkUndone() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("laurel-crash-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Self.t0.adding(milliseconds: 2 * Self.dayMs)
        do {
            let connection = try SQLiteConnection(path: path)
            _ = try Migrator(migrations: try Migrator.load(directory: TestDatabase.migrationsDirectory)).migrate(connection)
            try connection.transaction { try Self.earn([100], in: SQLStore(connection)) }
            // Plan the jobs, committed, so that the crash below hits a job that exists.
            try connection.transaction {
                for job in try JobPlan.changes(now: now, timeZone: .utc, in: SQLStore(connection)) { try SQLStore(connection).save(job) }
            }
        }
        do {
            // The expiry runs and marks itself done, but the process dies before COMMIT: the
            // connection goes away inside its transaction, as with kill -9.
            let connection = try SQLiteConnection(path: path)
            try connection.execute("BEGIN IMMEDIATE TRANSACTION")
            var ran: [String] = []
            while let run = try JobRunner.runNext(now: now, settings: JobSettings(), in: SQLStore(connection)) { ran.append(run.key) }
            #expect(ran.contains("ledger.expire"))
        }
        let connection = try SQLiteConnection(path: path)
        let store = SQLStore(connection)
        let job = try #require(try store.job(key: "ledger.expire"))
        #expect(job.runs == 0 && job.dueAt == now && job.state == .scheduled)
        #expect(try store.lotsExpired(at: now).count == 1)
        let run = try connection.transaction { try JobRunner.runNext(now: now, settings: JobSettings(), in: store) }
        #expect(run != nil)
    }

    @Test func idempotencyRecordsPastTheRetentionArePurgedOldestFirstInChunks() throws {
        let db = try TestDatabase()
        let hourMs: Int64 = 3_600_000
        try db.write { store in
            for (index, ageHours) in [30, 26, 25, 2].enumerated() {
                try store.save(IdempotencyRecord(
                    keyID: "k", idempotencyKey: "key-\(index)", fingerprint: "f", status: 201, body: [],
                    createdAt: Self.t0.adding(milliseconds: -Int64(ageHours) * hourMs)))
            }
        }
        var settings = JobSettings()
        settings.chunkMax = 2
        let runs = try Self.runAll(at: Self.t0, settings: settings, in: db).filter { $0.kind == .idempotencyPurge }
        #expect(runs.map { $0.result?.objectValue?["deleted_records"] } == [.int(2), .int(1)])
        let left = try db.read { store in try (0..<4).map { try store.idempotencyRecord(keyID: "k", idempotencyKey: "key-\($0)") != nil } }
        #expect(left == [false, false, false, true])
    }

    @Test func pendingLotsAreAvailableAsTimePassesAndTheirMaturingIsRecordedOnce() throws {
        let db = try TestDatabase()
        let pending = ["points": LedgerCurrencyPolicy(redeemable: true, expiry: .never, pendingDays: 3)]
        _ = try db.write { try Ledger(store: $0, policies: pending).earn(70, "points", to: .member("m-1"), at: Self.t0) }
        #expect(try Self.balance(db, at: Self.t0.adding(milliseconds: Self.dayMs)).pending == 70)
        _ = try Self.runAll(at: Self.t0.adding(milliseconds: Self.dayMs), in: db)
        #expect(try db.read { try $0.maturityCount(holder: .member("m-1")) } == 0)

        let later = Self.t0.adding(milliseconds: 4 * Self.dayMs)
        #expect(try Self.balance(db, at: later) == LedgerBalance(available: 70))
        let runs = try Self.runAll(at: later, in: db).filter { $0.kind == .ledgerMature }
        #expect(runs.map { $0.result?.objectValue?["matured_lots"] } == [.int(1)])
        _ = try Self.runAll(at: later.adding(milliseconds: Self.dayMs), in: db)
        #expect(try db.read { try $0.maturityCount(holder: .member("m-1")) } == 1)
    }
}

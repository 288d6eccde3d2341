import CSQLite
import Dispatch

/// What runs on the writer thread: takes batches from the queue and commits each in one transaction.
final class WriteBatchRunner: @unchecked Sendable {  // `connection` is used only by the writer thread, after init
    private let connection: SQLiteConnection
    private let queue: WriteQueue
    private let batchMax: Int
    private let onCommit: (@Sendable (_ batchSize: Int, _ durationNs: UInt64) -> Void)?
    private let completionQueue: DispatchQueue?

    init(connection: SQLiteConnection, queue: WriteQueue, batchMax: Int,
         onCommit: (@Sendable (Int, UInt64) -> Void)?, completionQueue: DispatchQueue?) {
        precondition(batchMax >= 1, "a batch holds at least one job")
        self.connection = connection
        self.queue = queue
        self.batchMax = batchMax
        self.onCommit = onCommit
        self.completionQueue = completionQueue
    }

    /// The writer thread's whole life: drain batches until the queue is closed and empty.
    func runUntilClosed() {
        while let batch = queue.takeBatch(max: batchMax) {
            commitOptimistically(batch[...])
            if queue.takeCheckpointRequest() {
                // Between transactions, so that the next BEGIN finds the WAL copied back and restarts it.
                _ = try? connection.checkpointPassively()
            }
        }
        connection.close()
        queue.markFinished()
    }

    /// One `BEGIN IMMEDIATE … COMMIT` around every job of `jobs`. Successes are reported only once COMMIT has
    /// returned.
    ///
    /// Jobs first run bare, one after the other (`commitOptimistically`): a savepoint around each
    /// would copy every page a job changes into SQLite's sub-journal, which for a job of 30-odd pages
    /// spills to a temporary file, about a sixth of the writer's time on events. A job that fails
    /// having written nothing is simply reported; one that fails having written something needs
    /// undoing, so the transaction is rolled back and the batch runs again without it, each job in
    /// its own savepoint (`commitGuarded`), exactly as if the failed job had been undone alone. A job
    /// that throws `SQLiteWriter.RunAgain` is undone the same way and runs again, in its savepoint.
    private func commitOptimistically(_ jobs: ArraySlice<WriteJob>) {
        let startNs = DispatchTime.now().uptimeNanoseconds
        guard begin(jobs) else { return }
        var succeeded: [(job: WriteJob, report: @Sendable () -> Void)] = []
        for position in jobs.indices {
            let job = jobs[position]
            let changesBefore = connection.totalChanges
            do {
                succeeded.append((job, try job.run(connection)))
            } catch is SQLiteWriter.RunAgain {
                // The job wants its writes undone and another run: all of them go again, guarded.
                if connection.isInTransaction { try? connection.execute("ROLLBACK TRANSACTION") }
                commitGuarded(jobs)
                return
            } catch {
                job.fail(error)
                if connection.isInTransaction && connection.totalChanges == changesBefore { continue }
                // It wrote before failing (or SQLite ended the transaction): undo it with everything else.
                if connection.isInTransaction { try? connection.execute("ROLLBACK TRANSACTION") }
                commitGuarded(jobs[..<position] + jobs[(position + 1)...])
                return
            }
        }
        finish(succeeded, of: jobs.count, startNs: startNs)
    }

    /// Each job in its own savepoint, so that a job that throws is undone alone.
    private func commitGuarded(_ jobs: ArraySlice<WriteJob>) {
        guard !jobs.isEmpty else { return }
        let startNs = DispatchTime.now().uptimeNanoseconds
        guard begin(jobs) else { return }
        var succeeded: [(job: WriteJob, report: @Sendable () -> Void)] = []
        for position in jobs.indices {
            let job = jobs[position]
            do {
                succeeded.append((job, try connection.savepoint("laurel_write_job") { try job.run(connection) }))
            } catch {
                job.fail(error)
            }
            guard connection.isInTransaction else {
                // SQLite ended the transaction itself (e.g. SQLITE_FULL rolls back): what ran is lost.
                let error = SQLiteError(code: SQLITE_ABORT, message: "the batch transaction ended before COMMIT")
                succeeded.forEach { $0.job.fail(error) }
                commitGuarded(jobs[(position + 1)...])
                return
            }
        }
        finish(succeeded, of: jobs.count, startNs: startNs)
    }

    /// BEGIN IMMEDIATE; if it fails, so does every job.
    private func begin(_ jobs: ArraySlice<WriteJob>) -> Bool {
        do {
            try connection.execute("BEGIN IMMEDIATE TRANSACTION")
            return true
        } catch {
            jobs.forEach { $0.fail(error) }
            return false
        }
    }

    /// COMMIT, then the reports of the jobs that succeeded; if COMMIT fails, they fail with it.
    private func finish(_ succeeded: [(job: WriteJob, report: @Sendable () -> Void)], of jobCount: Int, startNs: UInt64) {
        do {
            try connection.execute("COMMIT TRANSACTION")
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK TRANSACTION") }
            succeeded.forEach { $0.job.fail(error) }
            return
        }
        onCommit?(jobCount, DispatchTime.now().uptimeNanoseconds - startNs)
        report(succeeded.map(\.report))
    }

    /// Success reports leave the writer thread when a completion queue is given: whatever callers
    /// do with a result (render, log, reply) must not delay the next batch.
    private func report(_ reports: [@Sendable () -> Void]) {
        guard let completionQueue else { return reports.forEach { $0() } }
        completionQueue.async { reports.forEach { $0() } }
    }
}

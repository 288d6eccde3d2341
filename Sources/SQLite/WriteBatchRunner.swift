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
            commit(batch[...])
        }
        connection.close()
        queue.markFinished()
    }

    /// One `BEGIN IMMEDIATE … COMMIT` around every job, each in its own savepoint so that a job that
    /// throws is undone alone. Successes are reported only once COMMIT has returned.
    private func commit(_ jobs: ArraySlice<WriteJob>) {
        let startNs = DispatchTime.now().uptimeNanoseconds
        do {
            try connection.execute("BEGIN IMMEDIATE TRANSACTION")
        } catch {
            jobs.forEach { $0.fail(error) }
            return
        }
        var succeeded: [(job: WriteJob, report: @Sendable () -> Void)] = []
        for position in jobs.indices {
            let job = jobs[position]
            do {
                let report = try connection.savepoint("laurel_write_job") { try job.run(connection) }
                succeeded.append((job, report))
            } catch {
                job.fail(error)
            }
            guard connection.isInTransaction else {
                // SQLite ended the transaction itself (e.g. SQLITE_FULL rolls back): what ran is lost.
                let error = SQLiteError(code: SQLITE_ABORT, message: "the batch transaction ended before COMMIT")
                succeeded.forEach { $0.job.fail(error) }
                commit(jobs[(position + 1)...])
                return
            }
        }
        do {
            try connection.execute("COMMIT TRANSACTION")
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK TRANSACTION") }
            succeeded.forEach { $0.job.fail(error) }
            return
        }
        onCommit?(jobs.count, DispatchTime.now().uptimeNanoseconds - startNs)
        report(succeeded.map(\.report))
    }

    /// Success reports leave the writer thread when a completion queue is given: whatever callers
    /// do with a result (render, log, reply) must not delay the next batch.
    private func report(_ reports: [@Sendable () -> Void]) {
        guard let completionQueue else { return reports.forEach { $0() } }
        completionQueue.async { reports.forEach { $0() } }
    }
}

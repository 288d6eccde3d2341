import CSQLite
import Dispatch
import Synchronization

/// What one job of a batch comes to: its report, or its failure. Given only after COMMIT (and,
/// with a `CommitSyncer`, once that commit is on disk), so that no answer rests on anything that
/// could still be lost.
struct WriteAnswer: Sendable {
    let job: WriteJob
    let outcome: Result<@Sendable () -> Void, any Error>

    func give() {
        switch outcome {
        case .success(let report): report()
        case .failure(let error): job.fail(error)
        }
    }
}

/// What runs on the writer thread: takes batches from the queue and commits each in one transaction.
final class WriteBatchRunner: @unchecked Sendable {  // `connection` and `answers` are used only by the writer thread, after init
    private let connection: SQLiteConnection
    private let queue: Inbox<WriteJob>
    /// Set by `requestCheckpoint` from any thread, taken by the writer thread after a batch.
    private let checkpointRequested = Atomic<Bool>(false)
    private let batchMax: Int
    private let onCommit: (@Sendable (_ batchSize: Int, _ durationNs: UInt64) -> Void)?
    private let completionQueue: DispatchQueue?
    private let syncer: CommitSyncer?
    /// The answers of the batch being committed, runs again included.
    private var answers: [WriteAnswer] = []

    init(connection: SQLiteConnection, queue: Inbox<WriteJob>, batchMax: Int,
         onCommit: (@Sendable (Int, UInt64) -> Void)?, completionQueue: DispatchQueue?, syncer: CommitSyncer?) {
        precondition(batchMax >= 1, "a batch holds at least one job")
        self.connection = connection
        self.queue = queue
        self.batchMax = batchMax
        self.onCommit = onCommit
        self.completionQueue = completionQueue
        self.syncer = syncer
    }

    /// The writer thread's whole life: drain batches until the queue is closed and empty.
    func runUntilClosed() {
        while let batch = queue.take(max: batchMax) {
            commitOptimistically(batch[...])
            giveAnswers()
            if checkpointRequested.exchange(false, ordering: .acquiringAndReleasing) {
                // Between transactions, so that the next BEGIN finds the WAL copied back and restarts it.
                _ = try? connection.checkpoint(.passive)
            }
        }
        syncer?.close()
        connection.close()
        queue.markFinished()
    }

    /// Asks for one checkpoint after the current batch (`SQLiteWriter.requestCheckpoint`).
    func requestCheckpoint() {
        checkpointRequested.store(true, ordering: .releasing)
    }

    /// One `BEGIN IMMEDIATE … COMMIT` around every job of `jobs`.
    ///
    /// Jobs first run bare, one after the other (`commitOptimistically`): a savepoint around each
    /// would copy every page a job changes into SQLite's sub-journal, which for a job of 30-odd pages
    /// spills to a temporary file, about a sixth of the writer's time on events. A job that fails
    /// having written nothing is simply answered; one that fails having written something needs
    /// undoing, so the transaction is rolled back and the batch runs again without it, each job in
    /// its own savepoint (`commitGuarded`), exactly as if the failed job had been undone alone. A job
    /// that throws `SQLiteWriter.RunAgain` is undone the same way and runs again, in its savepoint.
    private func commitOptimistically(_ jobs: ArraySlice<WriteJob>) {
        let startNs = DispatchTime.now().uptimeNanoseconds
        guard begin(jobs) else { return }
        var succeeded: [WriteAnswer] = []
        // Refused without writing, and answered: they do not run again with the others.
        var refused: Set<Int> = []
        let unanswered = { (also: Int?) in ArraySlice(jobs.indices.filter { !refused.contains($0) && $0 != also }.map { jobs[$0] }) }
        for position in jobs.indices {
            let job = jobs[position]
            let changesBefore = connection.totalChanges
            do {
                succeeded.append(WriteAnswer(job: job, outcome: .success(try job.run(connection))))
            } catch is SQLiteWriter.RunAgain {
                // The job wants its writes undone and another run: the rest go again with it, guarded.
                if connection.isInTransaction { try? connection.execute("ROLLBACK TRANSACTION") }
                commitGuarded(unanswered(nil))
                return
            } catch {
                answers.append(WriteAnswer(job: job, outcome: .failure(error)))
                if connection.isInTransaction && connection.totalChanges == changesBefore {
                    refused.insert(position)
                    continue
                }
                // It wrote before failing (or SQLite ended the transaction): undo it with everything else.
                if connection.isInTransaction { try? connection.execute("ROLLBACK TRANSACTION") }
                commitGuarded(unanswered(position))
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
        var succeeded: [WriteAnswer] = []
        for position in jobs.indices {
            let job = jobs[position]
            do {
                let report = try connection.savepoint("laurel_write_job") { try job.run(connection) }
                succeeded.append(WriteAnswer(job: job, outcome: .success(report)))
            } catch {
                answers.append(WriteAnswer(job: job, outcome: .failure(error)))
            }
            guard connection.isInTransaction else {
                // SQLite ended the transaction itself (e.g. SQLITE_FULL rolls back): what ran is lost.
                let error = SQLiteError(code: SQLITE_ABORT, message: "the batch transaction ended before COMMIT")
                answers += succeeded.map { WriteAnswer(job: $0.job, outcome: .failure(error)) }
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
            answers += jobs.map { WriteAnswer(job: $0, outcome: .failure(error)) }
            return false
        }
    }

    /// COMMIT; the jobs that succeeded are answered with their reports, or with COMMIT's failure.
    private func finish(_ succeeded: [WriteAnswer], of jobCount: Int, startNs: UInt64) {
        do {
            try connection.execute("COMMIT TRANSACTION")
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK TRANSACTION") }
            answers += succeeded.map { WriteAnswer(job: $0.job, outcome: .failure(error)) }
            return
        }
        onCommit?(jobCount, DispatchTime.now().uptimeNanoseconds - startNs)
        answers += succeeded
    }

    /// Hands the batch's answers on: to the syncer, which gives them once the commit is on disk, or
    /// straight to the completion queue when COMMIT itself synced (or durability was turned down).
    /// Refusals wait for the sync too: they may rest on writes of earlier batches.
    /// Answers leave the writer thread when a completion queue is given: whatever callers do with a
    /// result (render, log, reply) must not delay the next batch.
    private func giveAnswers() {
        let batch = answers
        answers.removeAll(keepingCapacity: true)
        if let syncer { return syncer.giveWhenDurable(batch) }
        guard let completionQueue else { return batch.forEach { $0.give() } }
        completionQueue.async { batch.forEach { $0.give() } }
    }
}

import Foundation

/// One unit of work handed to the writer, with its completion already bound to it.
struct WriteJob: Sendable {
    /// Runs the work; on success returns the call that reports it, made only after COMMIT.
    let run: @Sendable (SQLiteConnection) throws -> @Sendable () -> Void
    /// Reports a failure of this job (its own error, or the batch's COMMIT error).
    let fail: @Sendable (any Error) -> Void
}

/// The writer's inbox: submitters append, the writer thread takes everything pending at once, which
/// is what forms a batch while the previous COMMIT is still syncing.
final class WriteQueue: @unchecked Sendable {  // every stored property is guarded by `condition`
    private let condition = NSCondition()
    private var jobs: [WriteJob] = []
    private var isClosed = false
    private var isFinished = false
    private var isCheckpointRequested = false

    /// Appends `job`; false (and nothing appended) once the queue is closed.
    func append(_ job: WriteJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed else { return false }
        jobs.append(job)
        condition.broadcast()
        return true
    }

    /// Waits for work and takes up to `max` jobs; nil once the queue is closed and drained.
    func takeBatch(max: Int) -> [WriteJob]? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !isClosed { condition.wait() }
        guard !jobs.isEmpty else { return nil }
        let batch = Array(jobs.prefix(max))
        jobs.removeFirst(batch.count)
        return batch
    }

    /// Asks the writer for one checkpoint after its current batch (see `SQLiteWriter.requestCheckpoint`).
    func requestCheckpoint() {
        condition.lock()
        defer { condition.unlock() }
        isCheckpointRequested = true
    }

    /// True once per request: the writer thread checks after each batch.
    func takeCheckpointRequest() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        defer { isCheckpointRequested = false }
        return isCheckpointRequested
    }

    /// Refuses new work; jobs already queued are still handed out.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        isClosed = true
        condition.broadcast()
    }

    /// Called by the writer thread when it has stopped.
    func markFinished() {
        condition.lock()
        defer { condition.unlock() }
        isFinished = true
        condition.broadcast()
    }

    func waitUntilFinished() {
        condition.lock()
        defer { condition.unlock() }
        while !isFinished { condition.wait() }
    }
}

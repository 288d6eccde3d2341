public import Dispatch
import Foundation

/// The one writer: a dedicated thread owns the write connection and commits work in batches (group
/// commit) — every item pending when the thread gets to it runs in one `BEGIN IMMEDIATE … COMMIT`,
/// so one fsync covers many requests. An item that throws leaves no trace and its neighbours go on:
/// if it had written anything, the batch is rolled back and run again without it
/// (`WriteBatchRunner`).
///
/// Work items already run inside the batch's transaction: nest with `savepoint`, never `transaction`
/// (which throws there), and never COMMIT or ROLLBACK yourself. **An item may run more than once**
/// (its earlier runs undone with the batch), so it must change nothing but the database; what it
/// returns is delivered once, after COMMIT.
///
/// Completions run on `completionQueue` when one is given, else on the thread that gives the
/// answers (the writer's, or the `CommitSyncer`'s when `syncsAfterCommit`): keep them short then.
/// Never wait on the writer from inside a completion or a work item.
public final class SQLiteWriter: @unchecked Sendable {  // immutable after init; the queue guards its own state with a lock
    private let queue = Inbox<WriteJob>()
    private let runner: WriteBatchRunner
    private let thread: Thread

    /// Takes ownership of `connection`: it must not be used elsewhere afterwards.
    /// `completionQueue`, when given, is where completions run (all of a batch in one block), so
    /// that they never hold up the next batch.
    ///
    /// `syncsAfterCommit`: the connection commits without syncing (`synchronous = NORMAL`) and a
    /// `CommitSyncer` syncs the WAL after each COMMIT while the writer runs the next batch; answers
    /// wait for that sync. `onSync` gets each sync's duration.
    public convenience init(connection: SQLiteConnection, batchMax: Int = 512,
                            onCommit: (@Sendable (_ batchSize: Int, _ durationNs: UInt64) -> Void)? = nil,
                            completionQueue: DispatchQueue? = nil,
                            syncsAfterCommit: Bool = false, onSync: (@Sendable (_ durationNs: UInt64) -> Void)? = nil) throws {
        let syncer = try syncsAfterCommit
            ? CommitSyncer(databasePath: connection.path, completionQueue: completionQueue, onSync: onSync) : nil
        self.init(connection: connection, batchMax: batchMax, onCommit: onCommit, completionQueue: completionQueue, syncer: syncer)
    }

    /// With the `CommitSyncer` given (tests give one with a sync of their own).
    init(connection: SQLiteConnection, batchMax: Int, onCommit: (@Sendable (Int, UInt64) -> Void)?,
         completionQueue: DispatchQueue?, syncer: CommitSyncer?) {
        let runner = WriteBatchRunner(connection: connection, queue: queue, batchMax: batchMax, onCommit: onCommit,
                                      completionQueue: completionQueue, syncer: syncer)
        let thread = Thread { runner.runUntilClosed() }
        thread.name = "laurel.sqlite.writer"
        self.runner = runner
        self.thread = thread
        thread.start()
    }

    deinit {
        queue.close()
        // Waiting for the drain from the writer thread itself would never end.
        if Thread.current !== thread { queue.waitUntilFinished() }
    }

    /// Hands `work` to the writer thread; `completion` gets its result after COMMIT (or the failure).
    /// Work submitted after `close()` fails at once, on the caller's thread.
    public func submit<T: Sendable>(_ work: @escaping @Sendable (SQLiteConnection) throws -> T,
                                    completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let job = WriteJob(
            run: { connection in
                let value = try work(connection)
                return { completion(.success(value)) }
            },
            fail: { completion(.failure($0)) }
        )
        if !queue.append(CollectionOfOne(job)) {
            completion(.failure(SQLiteError.misuse("the writer is closed")))
        }
    }

    /// Asks the writer to run one PASSIVE checkpoint of its own after its current batch. SQLite
    /// restarts the WAL from its beginning only when a write transaction begins with every frame
    /// copied back, and a busy writer always commits more while a checkpoint on another
    /// connection copies: so an `SQLiteCheckpointer` that has nearly caught up asks the writer to
    /// copy the last few frames between two transactions. Cheap when asked at the right time;
    /// a no-op when the writer is idle (the background copier then catches up by itself).
    public func requestCheckpoint() {
        runner.requestCheckpoint()
    }

    /// Thrown by a work item running bare to have everything it wrote undone and to be run once
    /// more, in a savepoint of its own (`SQLiteConnection.savepointDepth` tells it), where it may
    /// guard each of its parts with a savepoint too. Thrown from inside that savepoint, it fails
    /// the item.
    public struct RunAgain: Error, CustomStringConvertible {
        public init() {}
        public var description: String { "a write asked to be run again a second time" }
    }

    /// Submits `work` and blocks until it is committed. For the CLI and tests; not from the writer thread.
    @discardableResult
    public func perform<T: Sendable>(_ work: @escaping @Sendable (SQLiteConnection) throws -> T) throws -> T {
        precondition(Thread.current !== thread, "perform on the writer thread would wait for itself")
        let outcome = Outcome<T>()
        submit(work) { outcome.deliver($0) }
        return try outcome.wait().get()
    }

    /// Finishes the queued work, then stops the thread and closes the connection. Safe to call twice.
    public func close() {
        precondition(Thread.current !== thread, "close on the writer thread would wait for itself")
        queue.close()
        queue.waitUntilFinished()
    }
}

/// A result handed from the writer thread to a waiting caller.
private final class Outcome<T: Sendable>: @unchecked Sendable {  // `result` is written before `ready.signal()`, read after `wait()`
    private let ready = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    func deliver(_ result: Result<T, any Error>) {
        self.result = result
        ready.signal()
    }

    func wait() -> Result<T, any Error> {
        ready.wait()
        return result!
    }
}

import Foundation

/// One unit of work handed to the writer, with its completion already bound to it.
struct WriteJob: Sendable {
    /// Runs the work; on success returns the call that reports it, made only after COMMIT.
    let run: @Sendable (SQLiteConnection) throws -> @Sendable () -> Void
    /// Reports a failure of this job (its own error, or the batch's COMMIT error).
    let fail: @Sendable (any Error) -> Void
}

/// What one thread consumes: others append, the thread takes everything pending at once (which is
/// how the writer forms a batch while the previous one commits, and how the `CommitSyncer` covers
/// several commits with one sync), until the inbox is closed and drained.
final class Inbox<Item: Sendable>: @unchecked Sendable {  // every stored property is guarded by `condition`
    private let condition = NSCondition()
    private var items: [Item] = []
    private var isClosed = false
    private var isFinished = false

    /// Appends `newItems`; false (and nothing appended) once the inbox is closed.
    @discardableResult
    func append(_ newItems: some Collection<Item>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed else { return false }
        items.append(contentsOf: newItems)
        condition.broadcast()
        return true
    }

    /// Waits for items and takes up to `max`; nil once the inbox is closed and drained.
    func take(max: Int = .max) -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !isClosed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let taken = Array(items.prefix(max))
        items.removeFirst(taken.count)
        return taken
    }

    /// Refuses new items; those already in are still handed out.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        isClosed = true
        condition.broadcast()
    }

    /// Called by the consuming thread when it has stopped.
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

import SQLite

/// Values read from (or written to) the database, kept across the transactions of one connection,
/// that agree with the database at every moment: what the open transaction read or wrote is kept
/// apart (`pending`) until it commits, and dropped if it rolls back.
///
/// Callers keep one rule: every change to a cached row is told here (`set`, `update`, `forget`)
/// in the same transaction. Values are only ever loaded from the connection itself,
/// so a value read inside the transaction is that transaction's view, which is what `pending`
/// holds.
///
/// Not thread-safe: it lives with one connection, on that connection's thread.
final class TransactionalCache<Key: Hashable, Value>: SQLiteTransactionObserver {
    /// As of the last commit.
    private var committed: [Key: Value] = [:]
    /// Read or written by the open transaction.
    private var pending: [Key: Value] = [:]
    /// Committed values the open transaction changed in a way `pending` does not hold (a forgotten
    /// key, or a write undone by ROLLBACK TO): not to be trusted until the transaction ends.
    private var stale: Set<Key> = []
    /// When the committed values exceed it, they are all dropped: the cache refills as it is read.
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// The value the open transaction sees for `key`, from `load` (the database) when not known.
    func value(for key: Key, orLoad load: () throws -> Value) rethrows -> Value {
        if let value = trusted(key) { return value }
        let value = try load()
        pending[key] = value
        return value
    }

    /// The open transaction wrote `value` for `key`.
    func set(_ value: Value, for key: Key) {
        pending[key] = value
    }

    /// Changes a known value; an unknown one stays unknown (and is read from the database next).
    func update(_ key: Key, _ change: (Value) -> Value) {
        if let value = trusted(key) { pending[key] = change(value) } else { forget(key) }
    }

    /// The open transaction changed `key` in a way only the database knows.
    func forget(_ key: Key) {
        pending[key] = nil
        stale.insert(key)
    }

    func transactionDidCommit() {
        for key in stale { committed[key] = nil }
        committed.merge(pending) { _, new in new }
        if committed.count > capacity { committed.removeAll() }
        endTransaction()
    }

    func transactionDidRollBack() {
        endTransaction()
    }

    /// What the transaction wrote since some savepoint is undone, and which keys that was is not
    /// known here: none of its values is trusted any more, nor the committed ones it had replaced.
    func savepointDidRollBack() {
        stale.formUnion(pending.keys)
        pending.removeAll()
    }

    private func trusted(_ key: Key) -> Value? {
        if let value = pending[key] { return value }
        // Nearly always empty: skips hashing the key a second time.
        guard stale.isEmpty || !stale.contains(key) else { return nil }
        return committed[key]
    }

    private func endTransaction() {
        pending.removeAll()
        stale.removeAll()
    }
}

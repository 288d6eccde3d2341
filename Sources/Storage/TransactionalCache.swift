import SQLite

/// Values read from (or written to) the database, kept across the transactions of one connection,
/// that agree with the database at every moment: the open transaction changes them in place and
/// keeps an undo log, replayed if it rolls back.
///
/// Callers keep one rule: every change to a cached row is told here (`set`, `update`, `forget`)
/// in the same transaction. Values are only ever loaded from the connection itself, so a value
/// loaded inside a transaction is that transaction's view: the committed one if the transaction
/// did not change the row, and otherwise one the undo log puts back on rollback.
///
/// Not thread-safe: it lives with one connection, on that connection's thread.
final class TransactionalCache<Key: Hashable, Value>: SQLiteTransactionObserver {
    /// What the open transaction sees, or between transactions what the database holds, for the
    /// keys known.
    private var values: [Key: Value] = [:]
    /// Each change the open transaction made, with the entry it replaced (nil: none), in order.
    private var undo: [(key: Key, earlier: Value?)] = []
    /// When more values than this are known at a commit, they are all dropped: the cache refills as
    /// it is read.
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// The value the open transaction sees for `key`, from `load` (the database) when not known.
    func value(for key: Key, orLoad load: () throws -> Value) rethrows -> Value {
        if let value = values[key] { return value }
        let value = try load()
        values[key] = value
        return value
    }

    /// The open transaction wrote `value` for `key`.
    func set(_ value: Value, for key: Key) {
        undo.append((key, values.updateValue(value, forKey: key)))
    }

    /// Changes a known value; an unknown one stays unknown (and is read from the database next).
    func update(_ key: Key, _ change: (Value) -> Value) {
        if let value = values[key] { set(change(value), for: key) } else { forget(key) }
    }

    /// The open transaction changed `key` in a way only the database knows.
    func forget(_ key: Key) {
        undo.append((key, values.removeValue(forKey: key)))
    }

    /// The open transaction changed the rows of every key known that `matches`, in a way only the
    /// database knows.
    func forgetAll(where matches: (Key) -> Bool = { _ in true }) {
        for key in values.keys.filter(matches) { forget(key) }
    }

    func transactionDidCommit() {
        undo.removeAll(keepingCapacity: true)
        if values.count > capacity { values.removeAll() }
    }

    func transactionDidRollBack() {
        for change in undo.reversed() { values[change.key] = change.earlier }
        undo.removeAll(keepingCapacity: true)
    }

    /// What the transaction wrote since some savepoint is undone, and which keys that was is not
    /// known here: every key it changed is read from the database again. The undo log stays, to
    /// put the values from before the transaction back if it rolls back.
    func savepointDidRollBack() {
        for change in undo { values[change.key] = nil }
    }
}

import CSQLite

/// Told how the transactions of one connection end, so that state kept beside the database (the
/// writer's caches) keeps only what the database kept. Called on the connection's thread.
public protocol SQLiteTransactionObserver: AnyObject {
    /// The open transaction's changes are in the database: a COMMIT, a RELEASE that ended the
    /// transaction, or a statement run outside BEGIN.
    func transactionDidCommit()
    /// The open transaction's changes are gone, whoever ended it: ROLLBACK, or SQLite itself after
    /// an error (a failed COMMIT included).
    func transactionDidRollBack()
    /// `ROLLBACK TO` undid part of the open transaction, which goes on (`SQLiteConnection.savepoint`).
    func savepointDidRollBack()
}

/// Turns SQLite's commit and rollback hooks into `SQLiteTransactionObserver` calls. SQLite calls the
/// commit hook before it commits, and the COMMIT may still fail (then the rollback hook follows),
/// so a commit is reported only once the statement has returned with the transaction closed.
final class SQLiteTransactionHooks {
    private let observer: any SQLiteTransactionObserver
    private var commitStarted = false

    init(observer: any SQLiteTransactionObserver) {
        self.observer = observer
    }

    /// Installs the hooks on `database`; the connection keeps `self` alive as long as the handle.
    func install(on database: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_commit_hook(database, { context in
            Unmanaged<SQLiteTransactionHooks>.fromOpaque(context!).takeUnretainedValue().commitStarted = true
            return 0  // go on with the commit
        }, context)
        sqlite3_rollback_hook(database, { context in
            Unmanaged<SQLiteTransactionHooks>.fromOpaque(context!).takeUnretainedValue().rolledBack()
        }, context)
    }

    static func uninstall(from database: OpaquePointer) {
        sqlite3_commit_hook(database, nil, nil)
        sqlite3_rollback_hook(database, nil, nil)
    }

    private func rolledBack() {
        commitStarted = false
        observer.transactionDidRollBack()
    }

    /// After every statement: a commit that started and left the connection outside a transaction
    /// has happened. One that failed with the transaction still open (SQLITE_BUSY) is reported
    /// when a later COMMIT succeeds, or dropped by the rollback that ends it.
    func statementEnded(on database: OpaquePointer) {
        guard commitStarted, sqlite3_get_autocommit(database) != 0 else { return }
        commitStarted = false
        observer.transactionDidCommit()
    }

    func savepointRolledBack() {
        observer.savepointDidRollBack()
    }
}

import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Told when a row of a watched table changes on one connection, by a statement or by a trigger
/// it fired (SQLite's update hook). Called on the connection's thread, while the statement runs;
/// whether the change lasts is for `SQLiteTransactionObserver` to tell.
public protocol SQLiteRowChangeObserver: AnyObject {
    func rowsDidChange(in table: String)
}

/// SQLite's update hook for one connection, narrowed to some tables. SQLite calls it for every row
/// any statement changes, so the tables are compared as C strings, without building a `String`.
/// The update hook knows rowid tables only: a WITHOUT ROWID table is never reported.
final class SQLiteRowChangeHook {
    private let observer: any SQLiteRowChangeObserver
    private let tables: [(name: String, cName: [CChar])]

    init(tables: [String], observer: any SQLiteRowChangeObserver) {
        self.observer = observer
        self.tables = tables.map { ($0, Array($0.utf8CString)) }
    }

    /// Installs the hook on `database`; the connection keeps `self` alive as long as the handle.
    func install(on database: OpaquePointer) {
        sqlite3_update_hook(database, { context, _, _, table, _ in
            guard let context, let table else { return }
            Unmanaged<SQLiteRowChangeHook>.fromOpaque(context).takeUnretainedValue().rowChanged(in: table)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    static func uninstall(from database: OpaquePointer) {
        sqlite3_update_hook(database, nil, nil)
    }

    private func rowChanged(in table: UnsafePointer<CChar>) {
        for watched in tables where strcmp(watched.cName, table) == 0 {
            observer.rowsDidChange(in: watched.name)
        }
    }
}

extension SQLiteConnection {
    /// Tells `observer` of every change to a row of one of `tables` (rowid tables only; one
    /// observer at a time, a second call replaces the first).
    public func observeRowChanges(of tables: [String], with observer: any SQLiteRowChangeObserver) throws {
        let database = try database()
        let hook = SQLiteRowChangeHook(tables: tables, observer: observer)
        hook.install(on: database)
        rowChangeHook = hook
    }
}

import CSQLite

/// One SQLite connection. It owns the `sqlite3` handle and the statements prepared on it, and frees
/// them all in `deinit` (or `close()`). It is used by one thread at a time — the writer thread, or a
/// reader checked out of a pool — so it is not `Sendable`; SQLite's own mutexes are therefore off.
public final class SQLiteConnection {
    public let path: String
    private var handle: OpaquePointer?
    /// Prepared statements keyed by SQL text, reused by `run`, `query` and friends.
    private var statements: [String: SQLiteStatement] = [:]
    /// The same statements by the address of the SQL text they were last found for (`cachedStatement`).
    private var statementsByAddress: [UnsafeRawPointer: SQLiteStatement] = [:]
    /// Savepoints opened by `savepoint` and not yet released or rolled back.
    public internal(set) var savepointDepth = 0
    /// By savepoint name (`savepoint(_:_:)`).
    var savepointStatements: [String: SavepointSQL] = [:]
    /// Set by `observeTransactions(with:)`.
    private(set) var transactionHooks: SQLiteTransactionHooks?
    /// Set by `observeRowChanges(of:with:)`.
    var rowChangeHook: SQLiteRowChangeHook?
    /// Set by `profileStatements(into:)`; kept alive as long as the trace callback may use it.
    var statementProfile: SQLiteStatementProfile?

    /// Opens `path` (creating it unless `readOnly`) and applies `configuration`, verifying every setting.
    public convenience init(path: String, configuration: SQLiteConfiguration = .init()) throws {
        let access = configuration.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var vfs: String?
        if configuration.gathersWALWrites {
            guard WALWriteGathering.registered else {
                throw SQLiteError(code: SQLITE_ERROR, message: "cannot register the VFS that gathers WAL writes")
            }
            vfs = WALWriteGathering.vfsName
        }
        try self.init(path: path, flags: access | SQLITE_OPEN_NOMUTEX, vfs: vfs)
        try configure(configuration)
    }

    /// Opens without applying any pragma (used for backup destinations), with the default VFS
    /// unless `vfs` names another.
    init(path: String, flags: Int32, vfs: String? = nil) throws {
        _ = SQLiteLibrary.configured
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags, vfs)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(code: code, database: handle, sql: nil)
            sqlite3_close_v2(handle)  // SQLite may allocate a handle even when opening fails
            throw SQLiteError(code: error.code, message: "cannot open \(path): \(error.message)")
        }
        sqlite3_extended_result_codes(handle, 1)
        self.handle = handle
        self.path = path
    }

    deinit {
        close()
    }

    /// Finalizes every statement, then closes the handle. Later calls throw SQLITE_MISUSE.
    func close() {
        statementsByAddress.removeAll()
        statements.removeAll()  // each statement finalizes itself in deinit, before the close below
        if let handle {
            if transactionHooks != nil { SQLiteTransactionHooks.uninstall(from: handle) }
            if rowChangeHook != nil { SQLiteRowChangeHook.uninstall(from: handle) }
            if statementProfile != nil { sqlite3_trace_v2(handle, 0, nil, nil) }
            sqlite3_close_v2(handle)
        }
        handle = nil
    }

    /// The open handle; closed connections throw instead of handing SQLite a dangling pointer.
    func database() throws -> OpaquePointer {
        guard let handle else { throw SQLiteError.misuse("the connection to \(path) is closed") }
        return handle
    }

    /// Runs one or more statements without arguments, e.g. a migration script.
    public func execute(_ sql: String) throws {
        let database = try database()
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(database, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        transactionHooks?.statementEnded(on: database)
        guard code == SQLITE_OK else {
            let code = sqlite3_extended_errcode(database)
            throw SQLiteError(code: code, message: message.map { String(cString: $0) } ?? "", sql: sql)
        }
    }

    /// Runs one statement, discarding any rows.
    public func run(_ sql: String, _ arguments: [SQLiteValue] = []) throws {
        try withStatement(sql, arguments) { try $0.run() }
    }

    public func query(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> [SQLiteRow] {
        var rows: [SQLiteRow] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    /// The first row, if any; the statement is reset without stepping further.
    public func queryOne(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> SQLiteRow? {
        try withStatement(sql, arguments) { try $0.step() ? $0.row() : nil }
    }

    /// Calls `body` for each row as it is stepped, without collecting them.
    public func forEachRow(_ sql: String, _ arguments: [SQLiteValue] = [],
                           _ body: (SQLiteRow) throws -> Void) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() { try body(statement.row()) }
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int {
        handle.map { Int(sqlite3_changes($0)) } ?? 0
    }

    /// Rows changed by every INSERT, UPDATE or DELETE completed on this connection since it opened,
    /// triggers included: unchanged across some work means that work wrote no row.
    public var totalChanges: Int64 {
        handle.map { sqlite3_total_changes64($0) } ?? 0
    }

    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Tells `observer` how every later transaction of this connection ends (one observer at a
    /// time; a second call replaces the first).
    public func observeTransactions(with observer: any SQLiteTransactionObserver) throws {
        let database = try database()
        let hooks = SQLiteTransactionHooks(observer: observer)
        hooks.install(on: database)
        transactionHooks = hooks
    }

    /// True between BEGIN and COMMIT/ROLLBACK (SQLite's autocommit mode is off).
    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// Uses the cached statement for `sql`, preparing it once. If that statement is already being
    /// iterated (a re-entrant call from a `forEachRow` body), a fresh uncached one is used instead.
    private func withStatement<T>(_ sql: String, _ arguments: [SQLiteValue],
                                  _ body: (SQLiteStatement) throws -> T) throws -> T {
        let database = try database()
        defer { transactionHooks?.statementEnded(on: database) }
        let cached = cachedStatement(sql)
        if let cached, !cached.isInUse {
            return try cached.use(arguments, body)
        }
        let statement = try SQLiteStatement(database: database, sql: sql, persistent: cached == nil)
        if cached == nil { statements[sql] = statement }
        return try statement.use(arguments, body)
    }

    /// The statement prepared for `sql`, found by the address of its text first: SQL is nearly
    /// always a string literal or a `static let`, whose text never moves, so the lookup hashes one
    /// word rather than a few hundred characters (about 3 % of the writer's time, at some thirty
    /// statements an event). The text is compared before the statement is used: an address freed
    /// and reused by other SQL finds nothing there, then the text itself is looked up.
    private func cachedStatement(_ sql: String) -> SQLiteStatement? {
        // The address is a key only; nothing is read through it.
        let address = sql.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        if let address, let statement = statementsByAddress[address], statement.sql == sql { return statement }
        guard let statement = statements[sql] else { return nil }
        if let address {
            // Texts built for one call leave dead addresses behind; a bound keeps them few.
            if statementsByAddress.count >= Self.addressCacheCapacity { statementsByAddress.removeAll(keepingCapacity: true) }
            statementsByAddress[address] = statement
        }
        return statement
    }

    private static let addressCacheCapacity = 1_024
}

extension SQLiteConnection {
    /// Open flags for a plain read-write connection that is not configured (no pragmas applied).
    static let plainReadWriteFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
}

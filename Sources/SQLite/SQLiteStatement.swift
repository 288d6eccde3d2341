import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A prepared statement. It owns its `sqlite3_stmt` and finalizes it in `deinit`; it must be used by
/// one thread at a time, like the connection that prepared it, so it is not `Sendable`.
final class SQLiteStatement {
    let sql: String
    private let handle: OpaquePointer
    /// Set while a caller iterates the statement, so a re-entrant use of the same SQL gets its own statement.
    private(set) var isInUse = false
    private var columns: SQLiteColumns?
    /// SQLite's count of this statement's re-preparations when `columns` was read.
    private var columnsPreparations: Int32 = 0

    /// Prepares exactly one statement; trailing SQL other than whitespace and comments is refused.
    init(database: OpaquePointer, sql: String, persistent: Bool) throws {
        var statement: OpaquePointer?
        var hasMoreSQL = false
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, text, -1, flags, &statement, &tail)
            if code == SQLITE_OK, let tail { hasMoreSQL = !Self.isBlank(tail: tail, database: database) }
            return code
        }
        guard code == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError(code: code, database: database, sql: sql)
        }
        guard let statement else { throw SQLiteError.misuse("SQL contains no statement", sql: sql) }
        guard !hasMoreSQL else {
            sqlite3_finalize(statement)
            throw SQLiteError.misuse("expected exactly one SQL statement", sql: sql)
        }
        self.handle = statement
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// True when the tail holds no further statement (only whitespace, `;` or comments).
    private static func isBlank(tail: UnsafePointer<CChar>, database: OpaquePointer) -> Bool {
        var extra: OpaquePointer?
        let code = sqlite3_prepare_v2(database, tail, -1, &extra, nil)
        defer { sqlite3_finalize(extra) }
        return code == SQLITE_OK && extra == nil
    }

    private var database: OpaquePointer { sqlite3_db_handle(handle) }

    /// Binds `arguments`, runs `body`, and resets, so that an abandoned iteration never keeps a read
    /// transaction open. A statement is therefore always reset between uses, and every parameter is
    /// bound again (`bind` checks the count): neither a reset nor clearing bindings is needed first.
    func use<T>(_ arguments: [SQLiteValue], _ body: (SQLiteStatement) throws -> T) throws -> T {
        precondition(!isInUse, "a statement is used by one caller at a time")
        isInUse = true
        defer {
            sqlite3_reset(handle)
            isInUse = false
        }
        try bind(arguments)
        return try body(self)
    }

    private func bind(_ arguments: [SQLiteValue]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw SQLiteError(code: SQLITE_RANGE,
                              message: "expected \(expected) arguments, got \(arguments.count)", sql: sql)
        }
        for (offset, value) in arguments.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw SQLiteError(code: code, database: database, sql: sql) }
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(let text):
            // Length-delimited so that text with NUL characters is bound whole; SQLite copies it.
            var text = text
            return text.withUTF8 { bytes in
                // A nil pointer would bind NULL, so empty text binds a literal empty string.
                guard let base = bytes.baseAddress else {
                    return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                    sqlite3_bind_text64(handle, index, characters, UInt64(bytes.count),
                                        csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            // An empty blob with a nil pointer would bind NULL; a zero-length zeroblob is an empty blob.
            if bytes.isEmpty { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), csqlite_transient())
            }
        }
    }

    /// Advances to the next row: true if there is one, false when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteError(code: code, database: database, sql: sql)
        }
    }

    /// Steps to the end, for statements whose rows (if any) are not wanted.
    func run() throws {
        while try step() {}
    }

    /// The current row, copied out.
    func row() -> SQLiteRow {
        let columns = resultColumns()
        let values = (0..<Int32(columns.names.count)).map(value(at:))
        return SQLiteRow(columns: columns, values: values)
    }

    /// The result columns, built once per statement. A schema change may have re-prepared the
    /// statement with other columns (`SELECT *`); SQLite counts its re-preparations, so the names
    /// are read again only after one.
    private func resultColumns() -> SQLiteColumns {
        let preparations = sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
        if let columns, columnsPreparations == preparations { return columns }
        let names = (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
        let columns = SQLiteColumns(names: names)
        self.columns = columns
        columnsPreparations = preparations
        return columns
    }

    private func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // Text first, then its byte count, as SQLite documents; the count keeps embedded NULs.
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            guard let blob = sqlite3_column_blob(handle, index) else { return .blob([]) }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }
}

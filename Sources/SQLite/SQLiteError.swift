import CSQLite

/// The one error type of the SQLite layer: the (extended) result code, SQLite's message, and the SQL
/// that failed, so that a log line alone says what went wrong and where.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code when SQLite gave one (e.g. `SQLITE_CONSTRAINT_UNIQUE`), else the primary code.
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of an extended code).
    public var primaryCode: Int32 { code & 0xFF }

    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    public var isBusy: Bool { primaryCode == SQLITE_BUSY }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — while executing `\(sql)`" }
        return text
    }
}

extension SQLiteError {
    /// Builds the error for `code` from the connection's last message (`sqlite3_errmsg`).
    init(code: Int32, database: OpaquePointer?, sql: String?) {
        let message = database.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        self.init(code: code, message: message, sql: sql)
    }

    /// An error for misuse of this layer that SQLite itself did not report.
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: message, sql: sql)
    }
}

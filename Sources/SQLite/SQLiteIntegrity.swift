/// `PRAGMA integrity_check`, for ops and for tests after crash or backup.
public enum SQLiteIntegrity {
    /// The problems SQLite finds, one per row; exactly `["ok"]` when the database is sound.
    public static func check(_ connection: SQLiteConnection) throws -> [String] {
        try connection.query("PRAGMA integrity_check").map { row in
            if case .text(let line) = row[0] { line } else { "\(row[0])" }
        }
    }
}

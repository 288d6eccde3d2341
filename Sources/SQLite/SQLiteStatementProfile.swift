import CSQLite
import Synchronization

/// The time one connection spends running each of its SQL statements, summed by SQL text (SQLite's
/// profile trace): where a workload's SQL time goes, statement by statement, with counts to divide
/// by. A diagnostic (`laurel serve --sql-profile PATH`): it costs a callback and a dictionary
/// update per statement run.
///
/// SQLite times a run with the VFS's clock, in whole milliseconds, so one run of a few
/// microseconds counts 0 or 1 ms. Sums over many runs are still fair estimates (a run spans a
/// clock tick with a chance proportional to its length); single runs mean nothing.
public final class SQLiteStatementProfile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var sql: String
        public var runs: Int
        public var nanoseconds: UInt64
    }

    private let totals = Mutex<[String: (runs: Int, nanoseconds: UInt64)]>([:])

    public init() {}

    func record(_ sql: String, nanoseconds: UInt64) {
        totals.withLock { totals in
            let earlier = totals[sql] ?? (0, 0)
            totals[sql] = (earlier.runs + 1, earlier.nanoseconds + nanoseconds)
        }
    }

    /// Every statement run so far, the most time first.
    public var entries: [Entry] {
        totals.withLock { $0.map { Entry(sql: $0.key, runs: $0.value.runs, nanoseconds: $0.value.nanoseconds) } }
            .sorted { ($0.nanoseconds, $0.sql) > ($1.nanoseconds, $1.sql) }
    }

    /// `entries` as tab-separated lines (runs, total µs, µs a run, the SQL on one line) under a header.
    public var report: String {
        var lines = ["runs\ttotal_us\tus_per_run\tsql"]
        for entry in entries {
            let totalMicroseconds = Double(entry.nanoseconds) / 1_000
            let sql = entry.sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            lines.append("\(entry.runs)\t\(Int(totalMicroseconds))\t\(Int(totalMicroseconds / Double(entry.runs) * 100) / 100)\t\(sql)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension SQLiteConnection {
    /// Adds the time of every later statement of this connection to `profile` (one profile at a
    /// time; a second call replaces the first).
    public func profileStatements(into profile: SQLiteStatementProfile) throws {
        let database = try database()
        statementProfile = profile
        sqlite3_trace_v2(database, UInt32(SQLITE_TRACE_PROFILE), { _, context, statement, elapsed in
            guard let context, let statement, let elapsed, let sql = sqlite3_sql(OpaquePointer(statement)) else { return 0 }
            Unmanaged<SQLiteStatementProfile>.fromOpaque(context).takeUnretainedValue()
                .record(String(cString: sql), nanoseconds: elapsed.load(as: UInt64.self))
            return 0
        }, Unmanaged.passUnretained(profile).toOpaque())
    }
}

import Engine
import SQLite

extension SQLStore {
    private static let jobColumns = """
        key, kind, state, due_at, attempts, last_error, runs, last_run_at, last_result, payload, created_at, updated_at
        """

    func job(key: String) throws -> Job? {
        try connection.queryOne("SELECT \(Self.jobColumns) FROM jobs WHERE key = ?", [.text(key)]).map(Self.job)
    }

    func jobs(page: PageRequest) throws -> Page<Job> {
        let rows = try connection.query(
            "SELECT \(Self.jobColumns) FROM jobs WHERE key > ? ORDER BY key LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.job), limit: page.limit, key: \.key)
    }

    func dueJobs(at: Timestamp, limit: Int) throws -> [Job] {
        // Spelled as in the partial index jobs_due.
        try connection.query(
            "SELECT \(Self.jobColumns) FROM jobs WHERE state = 'scheduled' AND due_at <= ? ORDER BY due_at, key LIMIT ?",
            [SQLiteValue(at), .integer(Int64(limit))]
        ).map(Self.job)
    }

    func save(_ job: Job) throws {
        try connection.run(
            """
            INSERT INTO jobs (\(Self.jobColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET
                kind = excluded.kind, state = excluded.state, due_at = excluded.due_at, attempts = excluded.attempts,
                last_error = excluded.last_error, runs = excluded.runs, last_run_at = excluded.last_run_at,
                last_result = excluded.last_result, payload = excluded.payload, updated_at = excluded.updated_at
            """,
            [.text(job.key), .text(job.kind.rawValue), .text(job.state.rawValue), SQLiteValue(job.dueAt),
             .integer(Int64(job.attempts)), SQLiteValue(job.lastError), .integer(job.runs), SQLiteValue(job.lastRunAt),
             SQLiteValue(json: job.lastResult), SQLiteValue(json: .object(job.payload)), SQLiteValue(job.createdAt),
             SQLiteValue(job.updatedAt)])
    }

    func deleteJob(key: String) throws {
        try connection.run("DELETE FROM jobs WHERE key = ?", [.text(key)])
    }

    private static func job(_ row: SQLiteRow) throws -> Job {
        let key = try row.requiredString("key")
        guard let kind = JobKind(rawValue: try row.requiredString("kind")),
              let state = Job.State(rawValue: try row.requiredString("state"))
        else { throw StorageError.corrupt("job \(key)") }
        var job = Job(key: key, kind: kind, dueAt: try row.timestamp("due_at"), payload: try row.jsonObject("payload"),
                      createdAt: try row.timestamp("created_at"))
        job.state = state
        job.attempts = row.int("attempts") ?? 0
        job.lastError = row.string("last_error")
        job.runs = row.int64("runs") ?? 0
        job.lastRunAt = row.optionalTimestamp("last_run_at")
        job.lastResult = try row.json("last_result")
        job.updatedAt = try row.timestamp("updated_at")
        return job
    }
}

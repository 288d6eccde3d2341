import Engine

extension OpenAPISchemas {
    /// The scheduler's job table.
    static let jobs: [(key: String, value: JSONValue)] = [
        ("Job", object([
            ("key", string("Unique: ledger.expire, ledger.mature, idempotency.purge, tier.review:<ladder>.")),
            ("kind", ["enum": .array(JobKind.allCases.map { .string($0.rawValue) })]),
            ("state", ["enum": ["scheduled", "done"], "description": "Recurring jobs stay scheduled and move due_at."]),
            ("due_at", dateTime()),
            ("attempts", ["type": "integer", "description": "Failed runs since the last success; retried after 1 s, doubling, at most 1 h."]),
            ("last_error", ["type": ["string", "null"]]),
            ("runs", integer()), ("last_run_at", ["type": ["string", "null"], "format": "date-time"]),
            ("last_result", ["description": "Counts of what the last successful run did."]),
            ("payload", ["type": "object", "description": "The job's progress: a cursor between chunks, a review's phase."]),
            ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["key", "kind", "state", "due_at", "attempts", "last_error", "runs", "payload"])),
        ("JobPage", page("Job")),
        ("JobRuns", object([
            ("now", dateTime()),
            ("runs", array(object([
                ("key", string()), ("kind", string()), ("outcome", ["enum": ["more", "next", "finished", "failed"]]),
                ("result", [:]), ("error", ["type": ["string", "null"]]),
            ], required: ["key", "kind", "outcome"]))),
        ], required: ["now", "runs"])),
    ]
}

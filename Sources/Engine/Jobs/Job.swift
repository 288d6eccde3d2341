/// One row of the durable job table: background work the scheduler runs when it is due. The work,
/// the job's new state and its next due time are written in one transaction (`JobRunner`), so a
/// crash leaves a job either still due, having done nothing, or done: never run twice.
public struct Job: Sendable, Equatable {
    public enum State: String, Sendable, Equatable, CaseIterable {
        /// Waits for `dueAt`; recurring jobs stay here and move `dueAt` forward.
        case scheduled
        /// A one-off job that finished.
        case done
    }

    /// Unique: `ledger.expire`, `tier.review:partners`.
    public var key: String
    public var kind: JobKind
    public var state: State
    public var dueAt: Timestamp
    /// Failed runs since the last success; the next try waits longer after each (`JobRunner.backoff`).
    public var attempts: Int
    public var lastError: String?
    /// Successful runs, chunks included.
    public var runs: Int64
    public var lastRunAt: Timestamp?
    /// What the last successful run did (counts), for operators.
    public var lastResult: JSONValue?
    /// The job's own progress: a cursor between chunks, the phase of a review.
    public var payload: JSONObject
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        key: String, kind: JobKind, dueAt: Timestamp, payload: JSONObject = JSONObject(), createdAt: Timestamp
    ) {
        self.key = key
        self.kind = kind
        self.state = .scheduled
        self.dueAt = dueAt
        self.attempts = 0
        self.lastError = nil
        self.runs = 0
        self.lastRunAt = nil
        self.lastResult = nil
        self.payload = payload
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("key", .string(key)),
            ("kind", .string(kind.rawValue)),
            ("state", .string(state.rawValue)),
            ("due_at", .string(dueAt.rfc3339)),
            ("attempts", .int(Int64(attempts))),
            ("last_error", .optional(lastError)),
            ("runs", .int(runs)),
            ("last_run_at", lastRunAt.map { .string($0.rfc3339) } ?? .null),
            ("last_result", lastResult ?? .null),
            ("payload", .object(payload)),
            ("created_at", .string(createdAt.rfc3339)),
            ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

/// What a job does. The raw value is stored and shown.
public enum JobKind: String, Sendable, Equatable, CaseIterable {
    /// Writes off expired lots (`Ledger.expire`), a chunk per transaction.
    case ledgerExpire = "ledger.expire"
    /// Records lots that turned from pending to available (`ledger_maturities`).
    case ledgerMature = "ledger.mature"
    /// Deletes `Idempotency-Key` records older than the retention.
    case idempotencyPurge = "idempotency.purge"
    /// Reviews one tier ladder: marks holders below their level, downgrades after the grace days.
    case tierReview = "tier.review"
    /// Tells members, once per batch, that points expire soon (`points_expiring` template).
    case expiryReminders = "messages.expiry_reminders"
}

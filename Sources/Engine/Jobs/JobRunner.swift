/// Runs due jobs, one chunk per call, inside the caller's write transaction. The chunk's work and
/// the job's new state are written together in one savepoint: if the work throws, nothing of it
/// is kept and the job records the failure and is retried later with a growing delay. Because
/// every run happens in the single writer's transactions, two runs never overlap, and a crash
/// before COMMIT leaves the job due with nothing done.
public enum JobRunner {
    /// What one call did.
    public struct Run: Sendable, Equatable {
        public var key: String
        public var kind: JobKind
        /// `more`, `next`, `finished` or `failed`.
        public var outcome: String
        public var result: JSONValue?
        public var error: String?

        public var json: JSONValue {
            .object(JSONObject([
                ("key", .string(key)), ("kind", .string(kind.rawValue)), ("outcome", .string(outcome)),
                ("result", result ?? .null), ("error", .optional(error)),
            ]))
        }
    }

    /// Longest wait between two tries of a failing job.
    public static let backoffMaxMs: Int64 = 3_600_000

    /// 1 s after the first failure, doubling, at most an hour.
    public static func backoffMs(attempts: Int) -> Int64 {
        min(backoffMaxMs, 1_000 << Int64(min(max(attempts - 1, 0), 22)))
    }

    /// Whether a write is needed now: jobs to create, or a job due. Read-only, so that an idle
    /// scheduler never takes the writer.
    public static func hasWork(now: Timestamp, settings: JobSettings, in store: any StoreReader) throws -> Bool {
        try !store.dueJobs(at: now, limit: 1).isEmpty || !JobPlan.changes(now: now, timeZone: settings.timeZone, in: store).isEmpty
    }

    /// Brings the job table in line with the program (`JobPlan`), then runs one chunk of the first
    /// due job. nil when no job was due.
    public static func runNext(now: Timestamp, settings: JobSettings, in store: any StoreWriter) throws -> Run? {
        for job in try JobPlan.changes(now: now, timeZone: settings.timeZone, in: store) { try store.save(job) }
        guard var job = try store.dueJobs(at: now, limit: 1).first else { return nil }
        do {
            return try store.atomically {
                let step = try work(job, now: now, settings: settings, in: store)
                try store.save(job.applying(step, now: now))
                return Run(key: job.key, kind: job.kind, outcome: step.name, result: step.result, error: nil)
            }
        } catch {
            job.attempts += 1
            job.lastError = String(String(describing: error).prefix(1_000))
            job.dueAt = now.adding(milliseconds: backoffMs(attempts: job.attempts))
            job.updatedAt = now
            try store.save(job)
            return Run(key: job.key, kind: job.kind, outcome: "failed", result: nil, error: job.lastError)
        }
    }

    static func work(_ job: Job, now: Timestamp, settings: JobSettings, in store: any StoreWriter) throws -> JobStep {
        switch job.kind {
        case .ledgerExpire: try MaintenanceJobs.expire(now: now, settings: settings, in: store)
        case .ledgerMature: try MaintenanceJobs.mature(now: now, settings: settings, in: store)
        case .idempotencyPurge: try MaintenanceJobs.purge(now: now, settings: settings, in: store)
        case .tierReview: try TierReviewJob.run(job, now: now, settings: settings, in: store)
        case .expiryReminders: try MaintenanceJobs.remindExpiry(now: now, settings: settings, in: store)
        }
    }
}

extension Job {
    /// The job after a successful run that ended with `step`.
    func applying(_ step: JobStep, now: Timestamp) -> Job {
        var job = self
        job.attempts = 0
        job.lastError = nil
        job.runs += 1
        job.lastRunAt = now
        job.updatedAt = now
        job.lastResult = step.result
        switch step {
        case .more(let payload, _):
            job.payload = payload
            job.dueAt = now
        case .next(let dueAt, let payload, _):
            job.payload = payload
            job.dueAt = dueAt
        case .finished:
            job.state = .done
        }
        return job
    }
}

extension JobStep {
    var name: String {
        switch self {
        case .more: "more"
        case .next: "next"
        case .finished: "finished"
        }
    }

    var result: JSONValue {
        switch self {
        case .more(_, let result), .next(_, _, let result), .finished(let result): result
        }
    }
}

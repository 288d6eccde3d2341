/// What one run of a job did and what comes next. A run does at most one bounded chunk of work,
/// so that a large expiry or review never holds the single writer for long.
public enum JobStep: Sendable, Equatable {
    /// A chunk is done and more remains: due again at once, continuing from `payload`.
    case more(payload: JSONObject, result: JSONValue)
    /// Done for this occurrence: due again at `dueAt` with `payload`.
    case next(dueAt: Timestamp, payload: JSONObject, result: JSONValue)
    /// The job has nothing more to do ever (its ladder is gone): it is marked done.
    case finished(result: JSONValue)
}

/// How much the jobs do per run and how often the recurring ones come back.
public struct JobSettings: Sendable, Equatable {
    /// Most lots, records or holders one run handles (one write transaction).
    public var chunkMax = 500
    /// `Idempotency-Key` records older than this are deleted.
    public var idempotencyRetentionMs: Int64 = 24 * 3_600_000
    public var expiryPeriodMs: Int64 = 60_000
    public var maturityPeriodMs: Int64 = 60_000
    public var expiryReminderPeriodMs: Int64 = 3_600_000
    public var purgePeriodMs: Int64 = 3_600_000
    /// The program's time zone: tier reviews fall at local midnight and measure local windows.
    public var timeZone: ProgramTimeZone = .utc

    public static let chunkMaxRange = 1...100_000

    public init() {}
}

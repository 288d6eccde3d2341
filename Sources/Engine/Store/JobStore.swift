public protocol JobReader {
    func job(key: String) throws -> Job?
    /// Ordered by key.
    func jobs(page: PageRequest) throws -> Page<Job>
    /// Scheduled jobs due at `at` or before, earliest first (then by key), at most `limit`.
    func dueJobs(at: Timestamp, limit: Int) throws -> [Job]
}

public protocol JobWriter: JobReader {
    /// Inserts or replaces by key.
    func save(_ job: Job) throws
    func deleteJob(key: String) throws
}

/// What the maintenance jobs read and write besides the ledger's own operations.
public protocol MaintenanceReader {
    /// Lots that were pending when earned (`availableAt > earnedAt`), turned available within
    /// `[from, through]`, and are not recorded as matured yet; by `(availableAt, id)`.
    func lotsMaturing(from: Timestamp, through: Timestamp, limit: Int) throws -> [Lot]
    /// How many lots of the holder the maturity job has recorded.
    func maturityCount(holder: LedgerHolder) throws -> Int
}

public protocol MaintenanceWriter: MaintenanceReader {
    /// Records that `lot` became available, with what remained of it then (once per lot).
    func recordMaturity(of lot: Lot, recordedAt: Timestamp) throws
    /// Deletes at most `limit` idempotency records created before `before`, oldest first; how many.
    func deleteIdempotencyRecords(createdBefore before: Timestamp, limit: Int) throws -> Int
}

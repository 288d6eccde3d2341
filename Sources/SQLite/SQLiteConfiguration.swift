/// `PRAGMA synchronous` levels; the raw value is what the pragma is set to.
public enum SQLiteSynchronous: String, Sendable {
    case off = "OFF"
    case normal = "NORMAL"
    case full = "FULL"
    case extra = "EXTRA"

    /// What `PRAGMA synchronous` reads back for this level.
    var pragmaNumber: Int64 {
        switch self {
        case .off: 0
        case .normal: 1
        case .full: 2
        case .extra: 3
        }
    }
}

/// How a connection is opened and configured. Every setting is applied at open and read back.
public struct SQLiteConfiguration: Sendable {
    /// Read-only connections neither create the file nor change its journal mode.
    public var readOnly = false
    /// FULL by default: a commit survives power loss, which a ledger needs.
    public var synchronous: SQLiteSynchronous = .full
    /// How long a statement waits on a lock held by another connection before failing with SQLITE_BUSY.
    public var busyTimeoutMs = 5_000
    public var foreignKeys = true
    /// Page cache per connection, in KiB.
    public var cacheSizeKiB = 16 * 1024
    /// `PRAGMA wal_autocheckpoint` for a read-write connection; nil keeps SQLite's default (1000
    /// pages), 0 switches automatic checkpoints off (an `SQLiteCheckpointer` then does them).
    public var walAutoCheckpointPages: Int?
    /// `PRAGMA journal_size_limit` for a read-write connection: the WAL is truncated to this after a
    /// checkpoint resets it, so one burst does not leave a huge file behind.
    public var journalSizeLimitBytes: Int64 = 64 * 1024 * 1024
    /// Whether the WAL frames of a commit reach the file in a few large writes rather than two
    /// writes a frame (`WALWriteGathering`); for the connection that writes the most.
    public var gathersWALWrites = false
    /// `PRAGMA cache_spill`: whether SQLite may write a transaction's pages to the WAL before it
    /// commits, when they no longer fit the cache. SQLite 3.40 (Debian 12's) can then lose commits
    /// in a crash: a `ROLLBACK TO` after a spilled page was written twice leaves frames with
    /// checksums it never computes, and recovery stops at the first of them
    /// (`WALWriteGatheringTests.withoutCacheSpillsSavepointRollbacksLoseNoCommitInACrash`).
    /// The writer turns it off; the cache then grows past `cacheSizeKiB` for a large transaction.
    public var spillsCache = true

    public init() {}
}

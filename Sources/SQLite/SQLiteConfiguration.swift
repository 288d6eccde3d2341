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

    public init() {}
}

#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Engine
public import SQLite

/// Laurel's database file: migrated on open, then served through a `SQLiteProgramStore`.
public final class Database: Sendable {
    public struct Options: Sendable {
        public var synchronous: SQLiteSynchronous = .full
        public var readerCount = 4
        public var busyTimeoutMs = 5_000
        /// Most write requests committed together in one transaction.
        public var commitBatchMax = 512
        /// How often the WAL is copied back into the database, off the writer's path.
        public var checkpointIntervalMs = 25
        /// WAL size, in pages, past which it is restarted from its beginning: the background
        /// checkpointer catches up and the writer copies the last few frames between two batches
        /// (`SQLiteCheckpointer`), which holds the writer up for an fsync of the database (3–5 ms
        /// here). 65,536 pages (256 MiB) is about 2 s of a busy writer; at 8,000 pages events ran
        /// about 8 % slower with a p99 about 15 % higher (`Benchmarks/README.md`). Page lookups do
        /// not slow with a long WAL, only with frames not yet copied back.
        public var walRestartPages = 65_536
        /// WAL size, in pages, past which the writer checkpoints inside COMMIT, as SQLite does by
        /// itself: only a safety net for when the background checkpointer cannot keep up, because
        /// such a checkpoint copies everything left and holds up that commit's requests.
        public var walAutoCheckpointPages = 131_072
        public var onCommit: (@Sendable (_ batchSize: Int, _ durationNs: UInt64) -> Void)?
        /// Each sync of the WAL made after a COMMIT (with `synchronous` FULL or EXTRA).
        public var onSync: (@Sendable (_ durationNs: UInt64) -> Void)?
        /// Sums the writer's time per SQL statement, a diagnostic (`laurel serve --sql-profile`).
        public var writerStatementProfile: SQLiteStatementProfile?

        public init() {}
    }

    public let path: String
    public let store: SQLiteProgramStore
    private let migrator: Migrator
    private let readers: SQLiteReaderPool

    /// Opens (creating if needed), refuses to go on if an applied migration was edited, applies the
    /// pending ones, then starts the writer and the readers. Returns the migrations applied now.
    public static func open(path: String, migrations: [Migration], options: Options = Options()) throws -> (Database, applied: [Migration]) {
        var configuration = SQLiteConfiguration()
        configuration.synchronous = options.synchronous
        configuration.busyTimeoutMs = options.busyTimeoutMs
        var writerConfiguration = configuration
        writerConfiguration.walAutoCheckpointPages = options.walAutoCheckpointPages
        // When the WAL restarts, SQLite truncates the file to this size; below the size a restart
        // leaves, every restart would shrink and then grow the file again. Pages are 4 KiB.
        writerConfiguration.journalSizeLimitBytes = max(configuration.journalSizeLimitBytes, Int64(options.walRestartPages) * 4_096 * 5 / 4)
        // FULL asks that each commit be on disk before it is acknowledged. The writer's COMMIT leaves
        // the sync to a `CommitSyncer`, which makes it while the next batch runs and holds the
        // answers until it is done; what the level means for clients stays the same.
        let syncsAfterCommit = options.synchronous == .full || options.synchronous == .extra
        if syncsAfterCommit { writerConfiguration.synchronous = .normal }
        // One write for the frames of a commit, not two a frame; and no page written to the WAL
        // before its transaction commits, which SQLite 3.40 can lose in a crash (`spillsCache`).
        writerConfiguration.gathersWALWrites = true
        writerConfiguration.spillsCache = false
        let writeConnection = try SQLiteConnection(path: path, configuration: writerConfiguration)
        let migrator = Migrator(migrations: migrations)
        let applied = try migrator.migrate(writeConnection)
        let writerCache = WriterCache()
        try writeConnection.observeTransactions(with: writerCache)
        try writeConnection.observeRowChanges(of: WriterCache.reportedTables, with: writerCache)
        if let profile = options.writerStatementProfile { try writeConnection.profileStatements(into: profile) }
        var readConfiguration = configuration
        readConfiguration.readOnly = true
        let readers = try SQLiteReaderPool(path: path, size: options.readerCount, configuration: readConfiguration)
        let writer = try SQLiteWriter(
            connection: writeConnection, batchMax: options.commitBatchMax, onCommit: options.onCommit,
            completionQueue: DispatchQueue(label: "laurel.sqlite.completions", attributes: .concurrent),
            syncsAfterCommit: syncsAfterCommit, onSync: options.onSync)
        let checkpointer = try SQLiteCheckpointer(
            path: path, configuration: configuration, intervalMs: options.checkpointIntervalMs,
            restartFrames: options.walRestartPages, onCaughtUp: { [writer] in writer.requestCheckpoint() })
        let database = Database(
            path: path, store: SQLiteProgramStore(readers: readers, writer: writer, writerCache: writerCache), migrator: migrator, readers: readers,
            checkpointer: checkpointer)
        return (database, applied)
    }

    private let checkpointer: SQLiteCheckpointer

    private init(path: String, store: SQLiteProgramStore, migrator: Migrator, readers: SQLiteReaderPool, checkpointer: SQLiteCheckpointer) {
        self.path = path
        self.store = store
        self.migrator = migrator
        self.readers = readers
        self.checkpointer = checkpointer
    }

    /// Applies pending migrations without serving: `laurel migrate`.
    public static func migrate(path: String, migrations: [Migration], synchronous: SQLiteSynchronous = .full) throws -> [Migration] {
        var configuration = SQLiteConfiguration()
        configuration.synchronous = synchronous
        let connection = try SQLiteConnection(path: path, configuration: configuration)
        return try Migrator(migrations: migrations).migrate(connection)
    }

    /// nil when a reader can query the database; otherwise why not.
    public func reachabilityProblem() -> String? {
        do {
            _ = try readers.read { try $0.queryOne("SELECT 1 AS one") }
            return nil
        } catch {
            return "database unreachable: \(error)"
        }
    }

    /// nil when every known migration is applied and none was edited; otherwise why not.
    public func migrationProblem() -> String? {
        do {
            let pending = try readers.read { try migrator.pending($0) }
            return pending.isEmpty ? nil : "\(pending.count) migration(s) pending: \(pending.map(\.name).joined(separator: ", "))"
        } catch {
            return "migrations: \(error)"
        }
    }

    /// Database file plus its WAL, in bytes.
    public func sizeBytes() -> Int64 {
        fileSize(path) + fileSize(path + "-wal")
    }

    /// Finishes queued writes, closes the writer and checkpoints the WAL. Reads still work until the
    /// process ends.
    public func close() {
        store.close()
        checkpointer.stop()
    }

    private func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}

import CSQLite
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Copies the WAL back into the database on its own connection and thread, so that the writer's
/// commits rarely pay for a checkpoint.
///
/// PASSIVE checkpoints never block the writer or readers, but SQLite restarts the WAL from its
/// beginning only when a write transaction begins with every frame copied back, and a busy writer
/// always commits more while another connection copies. So once the WAL passes `restartFrames`,
/// the checkpointer closes the gap with a few quick passes and then asks the writer (`onCaughtUp`)
/// to copy the last frames itself, between two transactions. Before handing over it also flushes
/// the database file: a checkpoint that catches up ends with an fsync of the database, which would
/// otherwise write out every page the background passes copied since the last one, on the
/// writer's time. SQLite's own automatic checkpoint inside COMMIT did all of this and held that
/// commit's requests for 5–20 ms.
public final class SQLiteCheckpointer: @unchecked Sendable {  // `connection` is used only on `queue`; `timer` only in init/stop
    /// Frames left behind that are cheap enough for the writer to copy between transactions.
    static let framesLeftToTheWriter = 256
    /// Extra passes to close the gap before handing over; each copies what the writer committed during the last.
    static let passesToCatchUp = 4

    private let connection: SQLiteConnection
    /// The database file, opened once to flush what the passes copied (see above); -1 once stopped.
    /// Used only on `queue`.
    private var databaseFile: Int32
    private let queue = DispatchQueue(label: "laurel.sqlite.checkpointer")
    private let timer: any DispatchSourceTimer

    public init(path: String, configuration: SQLiteConfiguration, intervalMs: Int, restartFrames: Int,
                onCaughtUp: @escaping @Sendable () -> Void) throws {
        var own = configuration
        own.readOnly = false
        own.cacheSizeKiB = 2 * 1024
        connection = try SQLiteConnection(path: path, configuration: own)
        databaseFile = open(path, O_RDWR | O_CLOEXEC)
        guard databaseFile >= 0 else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot open \(path) to flush checkpoints: errno \(errno)")
        }
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(intervalMs), repeating: .milliseconds(intervalMs))
        timer.setEventHandler { [weak self] in
            guard let self, databaseFile >= 0, Self.catchUp(connection, restartFrames: restartFrames) else { return }
            // A failed flush only leaves more for the writer's checkpoint to sync.
            _ = fdatasync(databaseFile)
            onCaughtUp()
        }
        timer.resume()
    }

    deinit {
        if databaseFile >= 0 { close(databaseFile) }
    }

    /// One tick: a PASSIVE pass, and when the WAL is due for a restart, more passes until little is
    /// left. True when the writer should copy the rest. A failed pass (e.g. SQLITE_BUSY under a
    /// concurrent CLI) is retried next tick.
    static func catchUp(_ connection: SQLiteConnection, restartFrames: Int) -> Bool {
        guard var progress = try? connection.checkpoint(.passive), progress.walFrames >= restartFrames else { return false }
        for _ in 0..<passesToCatchUp where progress.framesBehind > framesLeftToTheWriter {
            guard let next = try? connection.checkpoint(.passive) else { return false }
            progress = next
        }
        return progress.framesBehind <= framesLeftToTheWriter
    }

    /// Stops the timer and runs one last checkpoint (TRUNCATE, to leave a small WAL behind). Safe to call twice.
    public func stop() {
        timer.cancel()
        queue.sync {
            guard databaseFile >= 0 else { return }
            _ = try? connection.checkpoint(.truncate)
            close(databaseFile)
            databaseFile = -1
        }
    }
}

import Dispatch

/// Copies the WAL back into the database on its own connection and thread, so that the writer's
/// commits never pay for a checkpoint (the writer runs with `wal_autocheckpoint = 0`).
/// PASSIVE checkpoints never block the writer or readers; SQLite restarts the WAL from the
/// beginning once a checkpoint has caught up and no reader still needs the old frames.
public final class SQLiteCheckpointer: @unchecked Sendable {  // `connection` is used only on `queue`; `timer` only in init/stop
    private let connection: SQLiteConnection
    private let queue = DispatchQueue(label: "laurel.sqlite.checkpointer")
    private let timer: any DispatchSourceTimer

    public init(path: String, configuration: SQLiteConfiguration, intervalMs: Int) throws {
        var own = configuration
        own.readOnly = false
        own.cacheSizeKiB = 2 * 1024
        connection = try SQLiteConnection(path: path, configuration: own)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(intervalMs), repeating: .milliseconds(intervalMs))
        timer.setEventHandler { [connection] in
            // A failed passive checkpoint (e.g. SQLITE_BUSY under a concurrent CLI) is retried next tick.
            _ = try? connection.queryOne("PRAGMA wal_checkpoint(PASSIVE)")
        }
        timer.resume()
    }

    /// Stops the timer and runs one last checkpoint (TRUNCATE, to leave a small WAL behind).
    public func stop() {
        timer.cancel()
        queue.sync {
            _ = try? connection.queryOne("PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}

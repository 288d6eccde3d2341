import CSQLite
import Foundation

/// Online backup of a live database into a new file.
public enum SQLiteBackup {
    /// Copies `sourcePath` to `destinationPath` (which must not exist) with `sqlite3_backup_*`,
    /// `pagesPerStep` pages at a time. The source is read inside one read transaction, so the copy is
    /// the consistent snapshot of that moment; in WAL mode the writer is never blocked meanwhile, and
    /// its commits cannot force the copy to restart. The source must be in WAL mode, as Laurel databases are.
    public static func run(sourcePath: String, destinationPath: String, pagesPerStep: Int32 = 256) throws {
        precondition(pagesPerStep > 0, "a backup step copies at least one page")
        guard !FileManager.default.fileExists(atPath: destinationPath) else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "backup destination \(destinationPath) already exists")
        }
        var sourceConfiguration = SQLiteConfiguration()
        sourceConfiguration.readOnly = true
        let source = try SQLiteConnection(path: sourcePath, configuration: sourceConfiguration)
        do {
            let destination = try SQLiteConnection(
                path: destinationPath, flags: SQLiteConnection.plainReadWriteFlags)
            try source.transaction(.deferred) {
                // The first read fixes the snapshot that every step then copies from.
                _ = try source.queryOne("SELECT count(*) FROM sqlite_master")
                try copy(from: source, to: destination, pagesPerStep: pagesPerStep)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: destinationPath)
            throw error
        }
    }

    private static func copy(from source: SQLiteConnection, to destination: SQLiteConnection,
                             pagesPerStep: Int32) throws {
        let sourceHandle = try source.database()
        let destinationHandle = try destination.database()
        guard let backup = sqlite3_backup_init(destinationHandle, "main", sourceHandle, "main") else {
            throw SQLiteError(code: sqlite3_extended_errcode(destinationHandle), database: destinationHandle, sql: nil)
        }
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, pagesPerStep)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(5) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        // finish frees the backup object and reports the first error of the whole run, if any.
        let finishCode = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finishCode == SQLITE_OK else {
            let failure = code == SQLITE_DONE ? finishCode : code
            throw SQLiteError(code: failure, database: destinationHandle, sql: nil)
        }
    }
}

import CSQLite
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes the writer's commits durable off its thread, and only then gives their answers.
///
/// With `synchronous = FULL`, every COMMIT waits for an fsync of the WAL before the writer can start
/// its next batch: a third of the writer's time went there. Instead the writer commits with
/// `synchronous = NORMAL` (frames written, not synced) and hands the batch's answers here; this
/// thread syncs the WAL file and then gives them. While it syncs, the writer already runs the next
/// batch, and one sync covers every batch committed before it started.
///
/// What that keeps and what it changes:
/// - No answer leaves before the WAL frames of its commit, and of every commit before it, are on
///   disk: a 2xx still means durable, and a write that read earlier writes is acknowledged only
///   with them (the WAL is one sequential file, so one sync covers all earlier frames).
/// - Readers may see a commit up to one sync (about a millisecond) before it is durable. A crash of
///   the process loses nothing of it (the frames are in the kernel's page cache); only a power
///   failure in that window could, and then no client had been told it succeeded.
/// - A failed sync is sticky: the kernel may have dropped the unwritten pages and a later sync
///   would then report success for data that never reached the disk, so every later answer fails
///   too and the writes stop being acknowledged until the server restarts and SQLite recovers.
final class CommitSyncer: @unchecked Sendable {  // `failure` is used only by the syncer thread
    private let inbox = Inbox<WriteAnswer>()
    /// Set by the first failed sync, and kept.
    private var failure: SQLiteError?
    private let walFile: Int32
    private let completionQueue: DispatchQueue?
    private let onSync: (@Sendable (_ durationNs: UInt64) -> Void)?
    /// fdatasync, but tests make it wait or fail.
    private let syncFile: @Sendable (Int32) -> Int32

    /// Opens the WAL of the database at `databasePath`, which the writer's connection must already
    /// have created (it does on open, in WAL mode).
    init(databasePath: String, completionQueue: DispatchQueue?, onSync: (@Sendable (UInt64) -> Void)?,
         syncFile: @escaping @Sendable (Int32) -> Int32 = { fdatasync($0) }) throws {
        let walPath = databasePath + "-wal"
        walFile = open(walPath, O_RDWR | O_CLOEXEC)
        guard walFile >= 0 else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot open \(walPath) to sync commits: errno \(errno)")
        }
        self.completionQueue = completionQueue
        self.onSync = onSync
        self.syncFile = syncFile
        let thread = Thread { [self] in runUntilClosed() }
        thread.name = "laurel.sqlite.syncer"
        thread.start()
    }

    /// Gives `answers` once everything committed so far is on disk.
    func giveWhenDurable(_ answers: [WriteAnswer]) {
        guard !answers.isEmpty else { return }
        let accepted = inbox.append(answers)
        precondition(accepted, "answers handed to a closed syncer")
    }

    /// Gives what is waiting, then stops the thread and closes the file.
    func close() {
        inbox.close()
        inbox.waitUntilFinished()
    }

    private func runUntilClosed() {
        while let answers = inbox.take() {
            let error = sync()
            let give: @Sendable () -> Void = { answers.forEach { error == nil ? $0.give() : $0.job.fail(error!) } }
            if let completionQueue { completionQueue.async(execute: give) } else { give() }
        }
        Glibc.close(walFile)
        inbox.markFinished()
    }

    /// One fdatasync of the WAL, or the sticky failure of an earlier one.
    private func sync() -> SQLiteError? {
        if let failure { return failure }
        let startNs = DispatchTime.now().uptimeNanoseconds
        guard syncFile(walFile) != 0 else {
            onSync?(DispatchTime.now().uptimeNanoseconds - startNs)
            return nil
        }
        failure = SQLiteError(code: SQLITE_IOERR | (4 << 8),  // SQLITE_IOERR_FSYNC
                              message: "syncing the WAL failed (errno \(errno)): writes are no longer acknowledged; restart the server")
        return failure
    }
}

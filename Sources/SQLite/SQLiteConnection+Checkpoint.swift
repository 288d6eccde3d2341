import CSQLite

/// How far a WAL checkpoint got: frames in the WAL, and how many of them are now copied back.
struct WALCheckpointProgress: Sendable, Equatable {
    let walFrames: Int
    let checkpointedFrames: Int

    /// Frames still to copy back before SQLite may restart the WAL from its beginning.
    var framesBehind: Int { walFrames - checkpointedFrames }
}

/// The checkpoints Laurel runs (SQLite's `SQLITE_CHECKPOINT_*`).
enum WALCheckpointMode {
    /// Copies back what it can without waiting on the writer or any reader.
    case passive
    /// Waits (busy timeout) for the writer and readers, copies everything back and empties the WAL
    /// file: on shutdown, to leave a small WAL behind.
    case truncate

    var code: Int32 {
        switch self {
        case .passive: SQLITE_CHECKPOINT_PASSIVE
        case .truncate: SQLITE_CHECKPOINT_TRUNCATE
        }
    }
}

extension SQLiteConnection {
    /// One checkpoint of the main database, outside a transaction. SQLITE_BUSY (another checkpoint
    /// is running, or a TRUNCATE could not get its locks) is not an error here: the answer is nil
    /// and the caller tries again later, or does without.
    func checkpoint(_ mode: WALCheckpointMode) throws -> WALCheckpointProgress? {
        let database = try database()
        var walFrames: Int32 = 0
        var checkpointedFrames: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(database, nil, mode.code, &walFrames, &checkpointedFrames)
        if code == SQLITE_BUSY { return nil }
        guard code == SQLITE_OK else { throw SQLiteError(code: code, database: database, sql: nil) }
        return WALCheckpointProgress(walFrames: Int(walFrames), checkpointedFrames: Int(checkpointedFrames))
    }
}

import CSQLite

/// How far a WAL checkpoint got: frames in the WAL, and how many of them are now copied back.
public struct WALCheckpointProgress: Sendable, Equatable {
    public let walFrames: Int
    public let checkpointedFrames: Int

    /// Frames still to copy back before SQLite may restart the WAL from its beginning.
    public var framesBehind: Int { walFrames - checkpointedFrames }
}

extension SQLiteConnection {
    /// One PASSIVE checkpoint of the main database: copies back what it can without waiting on
    /// the writer or any reader. Outside a transaction only. SQLITE_BUSY (another checkpoint is
    /// running) is not an error here: the answer is nil and the caller tries again later.
    public func checkpointPassively() throws -> WALCheckpointProgress? {
        let database = try database()
        var walFrames: Int32 = 0
        var checkpointedFrames: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(database, nil, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &checkpointedFrames)
        if code == SQLITE_BUSY { return nil }
        guard code == SQLITE_OK else { throw SQLiteError(code: code, database: database, sql: nil) }
        return WALCheckpointProgress(walFrames: Int(walFrames), checkpointedFrames: Int(checkpointedFrames))
    }
}

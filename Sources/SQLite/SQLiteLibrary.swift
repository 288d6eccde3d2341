import CSQLite

/// Settings of the SQLite library itself, for every connection of the process. SQLite takes them
/// only before it initialises, so they are applied once, just before the first connection opens.
enum SQLiteLibrary {
    /// How large a savepoint's sub-journal (the pages it changed, as they were before it) grows in
    /// memory before it spills to a temporary file; SQLite's default is 64 KiB. Savepoints (the
    /// ledger's, a statement's, a request's when the writer runs a batch guarded) and recording an
    /// interaction or an event changes 16 to 32 pages: at 64 KiB most created and wrote a temporary
    /// file (about 15 % of the writer's time). Requests no longer run in a savepoint each for the
    /// same reason (`WriteBatchRunner`).
    ///
    /// Why not more, or `temp_store = MEMORY`: in memory without a spill, the journal is kept in
    /// 1 KiB blocks that every savepoint release walks from the first, which made a batch of a
    /// thousand events (each in a savepoint inside the request's) quadratic; and with SQLite 3.40
    /// a spill size from about 160 KiB up fails nested savepoints with SQLITE_FULL (reproduced by
    /// `SQLiteConnectionTests.nestedSavepointsOverManyPagesSpillWithoutError`).
    static let statementJournalSpillBytes: Int32 = 128 * 1024

    /// Whether the settings were applied: false if SQLite had already been initialised.
    static let configured: Bool = csqlite_config_statement_journal_spill(statementJournalSpillBytes) == SQLITE_OK
}

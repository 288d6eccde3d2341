public import Engine
import SQLite

/// `ProgramStore` over SQLite: reads from a pool of read-only WAL connections, writes through the
/// single group-committing writer.
public final class SQLiteProgramStore: ProgramStore {
    private let readers: SQLiteReaderPool
    private let writer: SQLiteWriter
    private let configurationCache = ConfigurationCache()
    /// Observes the transactions of the writer's connection (see `Database.open`).
    private let writerCache: WriterCache

    init(readers: SQLiteReaderPool, writer: SQLiteWriter, writerCache: WriterCache) {
        self.readers = readers
        self.writer = writer
        self.writerCache = writerCache
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try readers.read { connection in try body(SQLStore(connection, configurationCache: configurationCache)) }
    }

    public func write<T: Sendable>(
        _ body: @escaping @Sendable (any StoreWriter) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        writer.submit(
            { [configurationCache, writerCache] connection in
                do {
                    return try body(SQLStore(connection, configurationCache: configurationCache, writerCache: writerCache))
                } catch is WriteAgain {
                    throw SQLiteWriter.RunAgain()
                }
            },
            completion: completion)
    }

    /// Finishes queued writes, then closes the write connection.
    func close() {
        writer.close()
    }
}

import Foundation

/// A fixed set of read-only connections. Each `read` checks one out, runs inside a deferred read
/// transaction — so every query of the body sees the same WAL snapshot — and puts it back.
public final class SQLiteReaderPool: @unchecked Sendable {  // `idle` is guarded by `condition`; a checked-out connection belongs to one caller
    private let condition = NSCondition()
    private var idle: [SQLiteConnection]
    public let size: Int

    /// Opens `size` read-only connections to an existing database (the writer creates it and sets WAL).
    public init(path: String, size: Int, configuration: SQLiteConfiguration = .init()) throws {
        precondition(size >= 1, "a reader pool holds at least one connection")
        var configuration = configuration
        configuration.readOnly = true
        idle = try (0..<size).map { _ in try SQLiteConnection(path: path, configuration: configuration) }
        self.size = size
    }

    /// Runs `body` on a connection of its own, waiting while all are busy. Do not call `read` again
    /// from inside `body`: with every connection checked out, it would wait forever.
    @discardableResult
    public func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let connection = checkOut()
        defer { checkIn(connection) }
        return try connection.transaction(.deferred) { try body(connection) }
    }

    private func checkOut() -> SQLiteConnection {
        condition.lock()
        defer { condition.unlock() }
        while idle.isEmpty { condition.wait() }
        return idle.removeLast()
    }

    private func checkIn(_ connection: SQLiteConnection) {
        condition.lock()
        defer { condition.unlock() }
        idle.append(connection)
        condition.signal()
    }
}

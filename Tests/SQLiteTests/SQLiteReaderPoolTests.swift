import Dispatch
import Testing
@testable import SQLite

struct SQLiteReaderPoolTests {
    @Test func fourThreadsShareTwoConnectionsNeverMoreAtOnce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        let connection = try SQLiteConnection(path: path)
        try connection.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3);")
        let pool = try SQLiteReaderPool(path: path, size: 2)
        let inUse = Locked(0)
        let mostInUse = Locked(0)
        let sums = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<25 {
                let sum = try? pool.read { reader -> Int? in
                    let now = inUse.withLock { $0 += 1; return $0 }
                    mostInUse.withLock { $0 = max($0, now) }
                    defer { inUse.withLock { $0 -= 1 } }
                    return try reader.queryOne("SELECT sum(x) AS s FROM t")?.int("s")
                }
                sums.withLock { $0.append(sum.flatMap { $0 } ?? -1) }
            }
        }
        #expect(sums.current == Array(repeating: 6, count: 100))
        #expect(mostInUse.current <= 2)
        #expect(mostInUse.current >= 1)
    }

    @Test func oneReadSeesOneSnapshotWhileTheWriterCommits() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        let connection = try SQLiteConnection(path: path)
        try connection.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);")
        let writer = try SQLiteWriter(connection: connection)
        defer { writer.close() }
        let pool = try SQLiteReaderPool(path: path, size: 1)
        let counts = try pool.read { reader in
            let before = try reader.queryOne("SELECT count(*) AS n FROM t")?.int("n")
            try writer.perform { try $0.run("INSERT INTO t VALUES (2)") }
            let after = try reader.queryOne("SELECT count(*) AS n FROM t")?.int("n")
            return [before, after]
        }
        #expect(counts == [1, 1])
        #expect(try pool.read { try $0.queryOne("SELECT count(*) AS n FROM t")?.int("n") } == 2)
    }

    @Test func readersCannotWrite() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        _ = try SQLiteConnection(path: path)
        let pool = try SQLiteReaderPool(path: path, size: 1)
        #expect(throws: SQLiteError.self) { try pool.read { try $0.execute("CREATE TABLE t(x)") } }
    }
}

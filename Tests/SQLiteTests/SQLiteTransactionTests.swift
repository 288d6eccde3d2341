import Testing
@testable import SQLite

private struct Boom: Error {}

struct SQLiteTransactionTests {
    @Test func transactionCommitsOnReturnAndRollsBackOnThrow() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(x)")
        let value = try connection.transaction {
            try connection.run("INSERT INTO t VALUES (1)")
            #expect(connection.isInTransaction)
            return 7
        }
        #expect(value == 7)
        #expect(throws: Boom.self) {
            try connection.transaction(.exclusive) {
                try connection.run("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.query("SELECT x FROM t").map { $0[0] } == [.integer(1)])
    }

    @Test func transactionsDoNotNest() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.transaction {
            #expect(throws: SQLiteError.self) { try connection.transaction(.deferred) {} }
        }
    }

    @Test func failedSavepointUndoesOnlyItsOwnChanges() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(x)")
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES (1)")
            #expect(throws: Boom.self) {
                try connection.savepoint("inner \"quoted\"") {
                    try connection.run("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
            #expect(connection.isInTransaction)
            try connection.savepoint("kept") { try connection.run("INSERT INTO t VALUES (3)") }
        }
        #expect(try connection.query("SELECT x FROM t ORDER BY x").map { $0[0] } == [.integer(1), .integer(3)])
    }
}

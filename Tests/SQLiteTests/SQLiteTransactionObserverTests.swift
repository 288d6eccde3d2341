import Testing
@testable import SQLite

/// Records what a connection reported, in order.
private final class Recorder: SQLiteTransactionObserver {
    var reports: [String] = []
    func transactionDidCommit() { reports.append("commit") }
    func transactionDidRollBack() { reports.append("rollback") }
    func savepointDidRollBack() { reports.append("savepoint rollback") }
}

private struct Boom: Error {}

struct SQLiteTransactionObserverTests {
    private func connection(_ recorder: Recorder) throws -> (SQLiteConnection, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(x)")
        try connection.observeTransactions(with: recorder)
        return (connection, directory)
    }

    @Test func aCommitIsReportedOnceTheTransactionHasEnded() throws {
        let recorder = Recorder()
        let (connection, _) = try connection(recorder)
        try connection.execute("BEGIN IMMEDIATE")
        try connection.run("INSERT INTO t VALUES (1)")
        #expect(recorder.reports.isEmpty)
        try connection.execute("COMMIT")
        #expect(recorder.reports == ["commit"])
    }

    @Test func aWriteOutsideBeginIsItsOwnCommittedTransaction() throws {
        let recorder = Recorder()
        let (connection, _) = try connection(recorder)
        _ = try connection.query("SELECT x FROM t")
        #expect(recorder.reports.isEmpty, "a read commits nothing")
        try connection.run("INSERT INTO t VALUES (1)")
        #expect(recorder.reports == ["commit"])
    }

    @Test func rollbacksAreReportedWhoeverMakesThem() throws {
        let recorder = Recorder()
        let (connection, _) = try connection(recorder)
        #expect(throws: Boom.self) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(recorder.reports == ["rollback"])
        #expect(try connection.query("SELECT x FROM t").isEmpty)
    }

    @Test func aSavepointUndoneInsideATransactionIsReportedBeforeItsCommit() throws {
        let recorder = Recorder()
        let (connection, _) = try connection(recorder)
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES (1)")
            _ = try? connection.savepoint("inner") {
                try connection.run("INSERT INTO t VALUES (2)")
                throw Boom()
            }
            try connection.savepoint("kept") { try connection.run("INSERT INTO t VALUES (3)") }
        }
        #expect(recorder.reports == ["savepoint rollback", "commit"])
    }

    /// A deferred foreign key fails the COMMIT and leaves the transaction open: nothing was kept,
    /// so nothing is reported until the rollback that ends it.
    @Test func aCommitThatFailsIsNotReportedAsOne() throws {
        let recorder = Recorder()
        let (connection, _) = try connection(recorder)
        try connection.execute("PRAGMA foreign_keys = ON")
        try connection.execute("CREATE TABLE parent(id INTEGER PRIMARY KEY)")
        try connection.execute("CREATE TABLE child(parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")
        recorder.reports.removeAll()
        try connection.execute("BEGIN IMMEDIATE")
        try connection.run("INSERT INTO child VALUES (42)")
        #expect(throws: SQLiteError.self) { try connection.execute("COMMIT") }
        #expect(connection.isInTransaction)
        #expect(recorder.reports.isEmpty)
        try connection.execute("ROLLBACK")
        #expect(recorder.reports == ["rollback"])
    }
}

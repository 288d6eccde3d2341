import Dispatch
import Foundation
import Testing
@testable import SQLite

struct SQLiteBackupTests {
    @Test func backupWhileWritingIsAConsistentSnapshot() throws {
        let directory = try TemporaryDirectory()
        let sourcePath = directory.file("live.sqlite")
        let connection = try SQLiteConnection(path: sourcePath)
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
        try connection.transaction {
            for _ in 0..<500 { try connection.run("INSERT INTO t(payload) VALUES (zeroblob(1000))") }
        }
        let writer = try SQLiteWriter(connection: connection)
        defer { writer.close() }

        // Keep the writer busy while the backup copies a page at a time.
        let writing = DispatchGroup()
        let tenWritten = DispatchSemaphore(value: 0)
        DispatchQueue.global().async(group: writing) {
            for index in 0..<200 {
                _ = try? writer.perform { try $0.run("INSERT INTO t(payload) VALUES (zeroblob(1000))") }
                if index == 9 { tenWritten.signal() }
            }
        }
        tenWritten.wait()
        let backupPath = directory.file("backup.sqlite")
        try SQLiteBackup.run(sourcePath: sourcePath, destinationPath: backupPath, pagesPerStep: 8)
        writing.wait()

        let copy = try SQLiteConnection(path: backupPath)
        #expect(try SQLiteIntegrity.check(copy) == ["ok"])
        let copied = try #require(try copy.queryOne("SELECT count(*) AS n, max(id) AS last FROM t"))
        let count = try #require(copied.int("n"))
        #expect(count >= 510 && count <= 700)
        #expect(copied.int("last") == count)  // a prefix of the inserts: nothing torn, nothing skipped
        let source = try SQLiteReaderPool(path: sourcePath, size: 1)
        let sourceRows = try source.read {
            try $0.query("SELECT id, payload FROM t WHERE id <= ? ORDER BY id", [.integer(Int64(count))])
        }
        let copyRows = try copy.query("SELECT id, payload FROM t ORDER BY id")
        #expect(sourceRows.map { $0["id"] } == copyRows.map { $0["id"] })
        #expect(sourceRows.map { $0["payload"] } == copyRows.map { $0["payload"] })
    }

    @Test func backupRefusesAnExistingDestination() throws {
        let directory = try TemporaryDirectory()
        let sourcePath = directory.file("live.sqlite")
        _ = try SQLiteConnection(path: sourcePath)
        let destination = directory.file("taken.sqlite")
        try "precious".write(toFile: destination, atomically: true, encoding: .utf8)
        #expect(throws: SQLiteError.self) { try SQLiteBackup.run(sourcePath: sourcePath, destinationPath: destination) }
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "precious")
    }

    @Test func failedBackupLeavesNoDestinationFile() throws {
        let directory = try TemporaryDirectory()
        let destination = directory.file("copy.sqlite")
        #expect(throws: SQLiteError.self) {
            try SQLiteBackup.run(sourcePath: directory.file("missing.sqlite"), destinationPath: destination)
        }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }
}

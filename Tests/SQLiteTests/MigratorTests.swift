import Foundation
import Testing
@testable import SQLite

private let createItems = Migration(version: 1, name: "create_items", sql: "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT);")
private let addPrice = Migration(version: 2, name: "add_price", sql: """
    ALTER TABLE items ADD COLUMN price INTEGER NOT NULL DEFAULT 0;
    INSERT INTO items(name, price) VALUES ('first', 100);
    """)

private func tableNames(_ connection: SQLiteConnection) throws -> [String] {
    try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0.string("name") }
}

struct MigratorTests {
    @Test func appliesInOrderOnceAndIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        let migrator = Migrator(migrations: [createItems, addPrice])
        #expect(try migrator.pending(connection) == [createItems, addPrice])
        #expect(try migrator.migrate(connection) == [createItems, addPrice])
        #expect(try migrator.migrate(connection) == [])
        #expect(try migrator.pending(connection) == [])
        #expect(try connection.queryOne("SELECT price FROM items")?.int("price") == 100)
        let rows = try connection.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
        #expect(rows.map { $0.int("version") } == [1, 2])
        #expect(rows.map { $0.string("checksum") } == [createItems.checksum, addPrice.checksum])
        #expect(rows.allSatisfy { ($0.string("applied_at") ?? "").hasSuffix("Z") })
    }

    @Test func appliesOnlyWhatIsNew() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        #expect(try Migrator(migrations: [createItems]).migrate(connection) == [createItems])
        #expect(try Migrator(migrations: [createItems, addPrice]).migrate(connection) == [addPrice])
    }

    @Test func detectsAMigrationEditedAfterItWasApplied() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        _ = try Migrator(migrations: [createItems]).migrate(connection)
        let edited = Migration(version: 1, name: "create_items", sql: createItems.sql + " -- tweak")
        #expect(throws: MigrationError.edited(version: 1, name: "create_items")) {
            try Migrator(migrations: [edited, addPrice]).migrate(connection)
        }
        #expect(try Migrator(migrations: [createItems, addPrice]).pending(connection) == [addPrice])
    }

    @Test func refusesADatabaseWithAnUnknownAppliedVersion() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        _ = try Migrator(migrations: [createItems, addPrice]).migrate(connection)
        #expect(throws: MigrationError.unknownApplied(version: 2)) {
            try Migrator(migrations: [createItems]).migrate(connection)
        }
    }

    @Test func failingMigrationLeavesNoBookkeepingRowAndNoPartialSchema() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        let broken = Migration(version: 2, name: "broken", sql: """
            CREATE TABLE half_done(x);
            INSERT INTO no_such_table VALUES (1);
            """)
        #expect(throws: SQLiteError.self) { try Migrator(migrations: [createItems, broken]).migrate(connection) }
        #expect(try tableNames(connection) == ["items", "schema_migrations"])
        #expect(try connection.query("SELECT version FROM schema_migrations").map { $0.int("version") } == [1])
        #expect(!connection.isInTransaction)
    }

    @Test func loadsNumberedFilesSortedAndIgnoresOtherFiles() throws {
        let directory = try TemporaryDirectory()
        try "SELECT 2;".write(toFile: directory.file("0002_second.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(toFile: directory.file("0001_first-one.sql"), atomically: true, encoding: .utf8)
        try "notes".write(toFile: directory.file("README.md"), atomically: true, encoding: .utf8)
        let migrations = try Migrator.load(directory: directory.path)
        #expect(migrations == [Migration(version: 1, name: "first-one", sql: "SELECT 1;"),
                               Migration(version: 2, name: "second", sql: "SELECT 2;")])
    }

    @Test(arguments: ["1_short.sql", "0001-dash.sql", "0001_.sql", "0000_zero.sql", "abcd_letters.sql",
                      "0001_spa ce.sql", "00001_five.sql"])
    func rejectsBadFileNames(fileName: String) throws {
        let directory = try TemporaryDirectory()
        try "SELECT 1;".write(toFile: directory.file(fileName), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.badFileName(fileName)) { try Migrator.load(directory: directory.path) }
    }

    @Test func rejectsDuplicateVersions() throws {
        let directory = try TemporaryDirectory()
        try "SELECT 1;".write(toFile: directory.file("0001_a.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(toFile: directory.file("0001_b.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.duplicateVersion(1)) { try Migrator.load(directory: directory.path) }
    }

    @Test func checksumIsTheHexSHA256OfTheSQL() {
        #expect(Migration(version: 1, name: "x", sql: "abc").checksum
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

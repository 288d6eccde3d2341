import Testing
@testable import SQLite

private final class TableRecorder: SQLiteRowChangeObserver {
    var tables: [String] = []
    func rowsDidChange(in table: String) { tables.append(table) }
}

struct SQLiteRowChangeObserverTests {
    @Test func changesToAWatchedTableAreReportedWhetherAStatementOrATriggerMakesThem() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("""
            CREATE TABLE watched (k TEXT PRIMARY KEY, v INTEGER) STRICT;
            CREATE TABLE other (x INTEGER);
            CREATE TABLE keyed (k TEXT PRIMARY KEY) WITHOUT ROWID;
            INSERT INTO watched VALUES ('a', 0);
            CREATE TRIGGER other_bumps AFTER INSERT ON other BEGIN UPDATE watched SET v = v + 1 WHERE k = 'a'; END;
            """)
        let recorder = TableRecorder()
        try connection.observeRowChanges(of: ["watched", "keyed"], with: recorder)
        try connection.run("UPDATE watched SET v = 5")
        #expect(recorder.tables == ["watched"])
        try connection.run("INSERT INTO other VALUES (1)")
        #expect(recorder.tables == ["watched", "watched"], "the trigger's update")
        try connection.run("DELETE FROM other")
        #expect(recorder.tables.count == 2, "a table not watched")
        // SQLite's update hook does not see WITHOUT ROWID tables: the reason migration 0040 made
        // configuration_generations a rowid table.
        try connection.run("INSERT INTO keyed VALUES ('k')")
        #expect(recorder.tables.count == 2)
    }
}

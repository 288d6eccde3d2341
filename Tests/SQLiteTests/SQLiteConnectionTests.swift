import Testing
@testable import SQLite

struct SQLiteConnectionTests {
    @Test func openingVerifiesWALSynchronousFullAndForeignKeys() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        #expect(try connection.queryOne("PRAGMA journal_mode")?[0] == .text("wal"))
        #expect(try connection.queryOne("PRAGMA synchronous")?[0] == .integer(2))
        #expect(try connection.queryOne("PRAGMA foreign_keys")?[0] == .integer(1))
        #expect(try connection.queryOne("PRAGMA busy_timeout")?[0] == .integer(5_000))
        #expect(try connection.queryOne("PRAGMA cache_size")?[0] == .integer(-16 * 1024))

        var readOnly = SQLiteConfiguration()
        readOnly.readOnly = true
        readOnly.synchronous = .normal
        let reader = try SQLiteConnection(path: directory.file("db.sqlite"), configuration: readOnly)
        #expect(try reader.queryOne("PRAGMA journal_mode")?[0] == .text("wal"))
        #expect(try reader.queryOne("PRAGMA synchronous")?[0] == .integer(1))
        #expect(throws: SQLiteError.self) { try reader.run("CREATE TABLE t(x)") }
    }

    @Test func theLibraryIsConfiguredBeforeTheFirstConnectionAndASavepointStillRollsBack() throws {
        let directory = try TemporaryDirectory()
        let writer = try SQLiteConnection(path: directory.file("db.sqlite"))
        #expect(SQLiteLibrary.configured, "applied before SQLite initialised")
        // A savepoint rolled back from its memory journal restores what it changed.
        try writer.run("CREATE TABLE t(x)")
        try writer.transaction(.immediate) {
            try writer.run("INSERT INTO t VALUES (1)")
            _ = try? writer.savepoint("job") { () throws -> Void in
                try writer.run("INSERT INTO t VALUES (2)")
                throw SQLiteError.misuse("undo this job", sql: "")
            }
        }
        #expect(try writer.queryOne("SELECT group_concat(x) FROM t")?[0] == .text("1"))
    }

    @Test func nestedSavepointsOverManyPagesSpillWithoutError() throws {
        let directory = try TemporaryDirectory()
        let writer = try SQLiteConnection(path: directory.file("db.sqlite"))
        try writer.run("CREATE TABLE t(id INTEGER PRIMARY KEY, filler BLOB)")
        try writer.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO t SELECT i, zeroblob(3000) FROM n")
        // A batch: one savepoint around many, each changing a page the batch has seen or not, some
        // undone. The journal spills to a file part way; a spill size SQLite 3.40 mishandles
        // fails here with SQLITE_FULL.
        try writer.transaction(.immediate) {
            try writer.savepoint("batch") {
                for step in 0..<3_000 {
                    _ = try? writer.savepoint("event") { () throws -> Void in
                        try writer.run("UPDATE t SET filler = zeroblob(?) WHERE id = ?",
                                       [.integer(Int64(3_000 + step % 7)), .integer(Int64(step * 7_919 % 5_000 + 1))])
                        if step % 5 == 0 { throw SQLiteError.misuse("undo this one", sql: "") }
                    }
                }
            }
        }
        #expect(try writer.queryOne("SELECT count(*) FROM t WHERE length(filler) <> 3000")?[0] == .integer(2_057))
    }

    /// Statements are found by the address of their SQL text first; texts built one after another
    /// and freed reuse addresses, and each must still run its own SQL.
    @Test func sqlBuiltAtAnAddressAnotherTextHadRunsItsOwnStatement() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        for round in 0..<3 {
            for value in 0..<500 {
                let sql = "SELECT \(value) AS v, 'long enough to live on the heap' AS padding"
                #expect(try connection.queryOne(sql)?.int64("v") == Int64(value), "round \(round)")
            }
        }
        let literal = "SELECT 42 AS v, 'a literal, at one address for the process' AS padding"
        for _ in 0..<3 { #expect(try connection.queryOne(literal)?.int64("v") == 42) }
    }

    @Test func openingAMissingFileReadOnlyFails() throws {
        let directory = try TemporaryDirectory()
        var readOnly = SQLiteConfiguration()
        readOnly.readOnly = true
        #expect(throws: SQLiteError.self) {
            try SQLiteConnection(path: directory.file("missing.sqlite"), configuration: readOnly)
        }
    }

    @Test func everyValueTypeRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v)")
        let values: [SQLiteValue] = [
            .null, .integer(0), .integer(Int64.max), .integer(Int64.min), .real(-1.5), .real(3.141592653589793),
            .text(""), .text("Zoë 日本語 🚀"), .text("nul\u{0}inside"),
            .blob([]), .blob([0, 1, 0, 255, 0]),
        ]
        for value in values { try connection.run("INSERT INTO t(v) VALUES (?)", [value]) }
        let read = try connection.query("SELECT v FROM t ORDER BY id").map { $0["v"] }
        #expect(read == values)
    }

    @Test func aCachedStatementSeesColumnsAddedByASchemaChange() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT); INSERT INTO t(a) VALUES ('x')")
        #expect(try connection.queryOne("SELECT * FROM t")?.columnNames == ["id", "a"])
        try connection.execute("ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 7")
        let row = try connection.queryOne("SELECT * FROM t")
        #expect(row?.columnNames == ["id", "a", "b"])
        #expect(row?.int("b") == 7)
        try connection.execute("ALTER TABLE t RENAME COLUMN a TO alpha")
        #expect(try connection.queryOne("SELECT * FROM t")?.string("alpha") == "x")
    }

    @Test func rowAccessorsConvertOnlyWhatIsSafe() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        let row = try #require(try connection.queryOne(
            "SELECT ? AS s, ? AS n, ? AS b, ? AS d, ? AS missing",
            [SQLiteValue("text"), SQLiteValue(42 as Int), SQLiteValue(true), .real(2.5), SQLiteValue(nil as String?)]))
        #expect(row.columnNames == ["s", "n", "b", "d", "missing"])
        #expect(row.string("s") == "text")
        #expect(row.int("n") == 42)
        #expect(row.int64("N") == 42)
        #expect(row.bool("b") == true)
        #expect(row.double("d") == 2.5)
        #expect(row.double("n") == 42)
        #expect(row.int("d") == nil)
        #expect(row.string("n") == nil)
        #expect(row["missing"] == .null)
        #expect(row["no_such_column"] == .null)
        #expect(row[1] == .integer(42))
        #expect(row[99] == .null)
    }

    @Test func cachedStatementIsReusableAfterPartialIteration() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3);")
        let sql = "SELECT x FROM t WHERE x >= ? ORDER BY x"
        #expect(try connection.queryOne(sql, [.integer(1)])?.int("x") == 1)
        #expect(try connection.query(sql, [.integer(2)]).map { $0.int("x") } == [2, 3])
        // Re-entrant use of the same SQL while it is being iterated gets its own statement.
        var pairs: [[Int?]] = []
        try connection.forEachRow(sql, [.integer(2)]) { outer in
            pairs.append(try connection.query(sql, [.integer(3)]).map { $0.int("x") } + [outer.int("x")])
        }
        #expect(pairs == [[3, 2], [3, 3]])
        // A statement abandoned mid-iteration holds no transaction open.
        #expect(!connection.isInTransaction)
    }

    @Test func constraintViolationCarriesCodeMessageAndSQL() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(id TEXT PRIMARY KEY)")
        let insert = "INSERT INTO t(id) VALUES (?)"
        try connection.run(insert, [.text("a")])
        #expect(connection.changes == 1)
        #expect(connection.lastInsertRowID == 1)
        let error = try #require(throws: SQLiteError.self) { try connection.run(insert, [.text("a")]) }
        #expect(error.isConstraintViolation)
        #expect(!error.isBusy)
        #expect(error.code == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
        #expect(error.sql == insert)
        #expect(error.message.contains("UNIQUE"))
        // The statement is still usable after the failure.
        try connection.run(insert, [.text("b")])
    }

    @Test func runRefusesSeveralStatementsAndWrongArgumentCounts() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(x)")
        #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)") }
        #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO t VALUES (?)") }
        #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO t VALUES (?)", [.integer(1), .integer(2)]) }
        try connection.run("INSERT INTO t VALUES (1); -- a trailing comment")
        #expect(try connection.query("SELECT x FROM t").count == 1)
        let error = try #require(throws: SQLiteError.self) { try connection.execute("SELECT * FROM nowhere") }
        #expect(error.message.contains("nowhere"))
        #expect(error.sql == "SELECT * FROM nowhere")
    }
}

struct SQLiteReadOnlyConfigurationTests {
    @Test func readerRefusesADatabaseNotInWALMode() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("rollback-journal.sqlite")
        let plain = try SQLiteConnection(path: path, flags: SQLiteConnection.plainReadWriteFlags)
        try plain.execute("CREATE TABLE t(x)")
        var readOnly = SQLiteConfiguration()
        readOnly.readOnly = true
        let error = try #require(throws: SQLiteError.self) {
            try SQLiteConnection(path: path, configuration: readOnly)
        }
        #expect(error.message.contains("journal_mode"))
    }
}

import Testing
@testable import SQLite

struct SQLiteStatementProfileTests {
    @Test func everyStatementRunIsCountedAndTimedUnderItsSQL() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t (x INTEGER)")
        let profile = SQLiteStatementProfile()
        try connection.profileStatements(into: profile)
        for value in 1...5 { try connection.run("INSERT INTO t (x) VALUES (?)", [.integer(Int64(value))]) }
        #expect(try connection.queryOne("SELECT sum(x) AS s FROM t")?.int64("s") == 15)
        let entries = Dictionary(uniqueKeysWithValues: profile.entries.map { ($0.sql, $0) })
        #expect(entries["INSERT INTO t (x) VALUES (?)"]?.runs == 5)
        #expect(entries["SELECT sum(x) AS s FROM t"]?.runs == 1)
        // SQLite times with the VFS clock, in whole milliseconds.
        #expect(profile.entries.allSatisfy { $0.nanoseconds % 1_000_000 == 0 })
        let report = profile.report.split(separator: "\n")
        #expect(report.first == "runs\ttotal_us\tus_per_run\tsql")
        #expect(report.count == profile.entries.count + 1)
        #expect(report.contains { $0.hasPrefix("5\t") && $0.hasSuffix("\tINSERT INTO t (x) VALUES (?)") })
    }
}

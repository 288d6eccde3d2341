import Engine
import Foundation
import SQLite
import Storage
import Testing

/// Migration 0037 moves the outcomes events were answered with out of their rows into a table of
/// their own: a database recorded before it keeps every outcome, readable and rewritable as before.
struct EventOutcomesMigrationTests {
    @Test func outcomesRecordedBeforeTheMoveAreKeptAndReadAsBefore() throws {
        let seeded = try PartlyMigratedDatabase(before: 37) { connection in
            for (id, received, outcome) in [("b", 2_000, #"{"postings":[2]}"#), ("a", 1_000, #"{"postings":[1]}"#), ("c", 3_000, nil)] {
                try connection.run(
                    """
                    INSERT INTO events (id, type, member_id, occurred_at, received_at, fingerprint, outcome)
                    VALUES (?, 'quiz.passed', 'm1', ?, ?, 'f', ?)
                    """, [.text(id), .integer(Int64(received)), .integer(Int64(received)), SQLiteValue(outcome)])
            }
        }
        let (database, applied) = try seeded.open()
        defer { database.close() }
        #expect(applied.contains(37))
        let outcomes = try database.store.read { store in try ["a", "b", "c"].map { try store.eventOutcome(id: $0) } }
        #expect(outcomes == [["postings": [1]], ["postings": [2]], nil])
        // Numbered in the order they were received, so that new outcomes append after them.
        let connection = try SQLiteConnection(path: seeded.path)
        #expect(try connection.query("SELECT id, outcome_seq FROM events WHERE outcome_seq IS NOT NULL ORDER BY outcome_seq")
            .map { $0.string("id") } == ["a", "b"])
        #expect(try connection.query("SELECT name FROM pragma_table_info('events') WHERE name = 'outcome'").isEmpty)

        // An event stored without an outcome gets its first; one with an outcome has it rewritten in place.
        try database.store.writeAndWait { store in
            try store.setOutcome(id: "c", outcome: ["postings": [3]])
            try store.setOutcome(id: "a", outcome: ["postings": [1], "reversed": true])
        }
        let rewritten = try database.store.read { store in try ["a", "c"].map { try store.eventOutcome(id: $0) } }
        #expect(rewritten == [["postings": [1], "reversed": true], ["postings": [3]]])
        #expect(try connection.queryOne("SELECT count(*) AS n FROM event_outcomes")?.int("n") == 3)
    }
}

import Engine
import Foundation
import SQLite
import Storage
import Testing

/// Migration 0030 moves the answers interactions were recorded with out of their rows into a table
/// of their own: a database recorded before it keeps every answer, readable as before.
struct InteractionAnswersMigrationTests {
    @Test func answersRecordedBeforeTheMoveAreKeptAndReadAsBefore() throws {
        let seeded = try PartlyMigratedDatabase(before: 30) { connection in
            for (id, recorded, answer) in [("b", 2_000, #"{"score":70}"#), ("a", 1_000, #"{"score":90}"#)] {
                try connection.run(
                    """
                    INSERT INTO interactions (id, supplier_id, template_id, completed_at, ratings, flags, recorded_at, fingerprint, answer)
                    VALUES (?, 's', 't', ?, '{}', '[]', ?, 'f', ?)
                    """, [.text(id), .integer(Int64(recorded)), .integer(Int64(recorded)), .text(answer)])
            }
        }
        let (database, applied) = try seeded.open()
        defer { database.close() }
        #expect(applied.contains(30))
        let answers = try database.store.read { store in try ["a", "b"].map { try store.interactionAnswer(id: $0) } }
        #expect(answers == [["score": 90], ["score": 70]])
        // Numbered in the order they were recorded, so that new answers append after them.
        let connection = try SQLiteConnection(path: seeded.path)
        #expect(try connection.query("SELECT id, answer_seq FROM interactions ORDER BY answer_seq").map { $0.string("id") } == ["a", "b"])
        #expect(try connection.query("SELECT name FROM pragma_table_info('interactions') WHERE name = 'answer'").isEmpty)
    }
}

import Engine
import Foundation
import SQLite
import Storage
import Testing

/// Migration 0038 retires the enrollments of quests deleted before it, so that a quest created again
/// under such an id starts from none; enrollments of live quests stay where they are.
struct QuestEnrollmentsRetiredMigrationTests {
    @Test func enrollmentsOfQuestsDeletedBeforeTheMigrationAreRetired() throws {
        let seeded = try PartlyMigratedDatabase(before: 38) { connection in
            try connection.run("INSERT INTO quests (id, definition, created_at, updated_at) VALUES ('live', '{}', 1, 1)")
            for (quest, member) in [("live", "ann"), ("gone", "ann"), ("gone", "bob")] {
                try connection.run(
                    """
                    INSERT INTO quest_enrollments (quest_id, member_id, enrolled_at, enrollment, steps, completed_at, updated_at)
                    VALUES (?, ?, 10, 'automatic', '{}', 20, 20)
                    """, [.text(quest), .text(member)])
            }
        }
        let (database, applied) = try seeded.open()
        defer { database.close() }
        #expect(applied.contains(38))
        #expect(try database.store.read { try $0.questEnrollment(questID: "gone", memberID: "ann") } == nil)
        #expect(try database.store.read { try $0.questEnrollment(questID: "live", memberID: "ann") }?.completedAt == Timestamp(millisecondsSinceEpoch: 20))
        let connection = try SQLiteConnection(path: seeded.path)
        let retired = try connection.query(
            "SELECT quest_id, member_id, completed_at, retired_at FROM quest_enrollments_retired ORDER BY member_id")
        #expect(retired.map { "\($0.string("quest_id") ?? "") \($0.string("member_id") ?? "") \($0.int64("completed_at") ?? 0)" }
            == ["gone ann 20", "gone bob 20"])
        #expect(retired.allSatisfy { $0.int64("retired_at") == nil }, "deleted before the migration: when is unknown")
    }
}

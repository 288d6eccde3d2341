import Engine
import SQLite

extension SQLStore {
    func quest(id: String) throws -> Quest? {
        try connection.queryOne("SELECT id, definition, created_at, updated_at FROM quests WHERE id = ?", [.text(id)]).map(Self.quest)
    }

    func quests(page: PageRequest) throws -> Page<Quest> {
        let rows = try connection.query(
            "SELECT id, definition, created_at, updated_at FROM quests WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.quest), limit: page.limit, key: \.id)
    }

    func allQuests() throws -> [Quest] {
        try configurationCache.quests.value(at: try configurationGeneration("quests")) {
            try connection.query("SELECT id, definition, created_at, updated_at FROM quests ORDER BY id", []).map(Self.quest)
        }
    }

    func questEnrollment(questID: String, memberID: String) throws -> QuestEnrollment? {
        try connection.queryOne(
            "SELECT \(Self.enrollmentColumns) FROM quest_enrollments WHERE quest_id = ? AND member_id = ?", [.text(questID), .text(memberID)]
        ).map(Self.enrollment)
    }

    func questEnrollments(memberID: String) throws -> [QuestEnrollment] {
        try connection.query(
            """
            SELECT \(Self.enrollmentColumns) FROM quest_enrollments
            WHERE quest_id IN (SELECT id FROM quests) AND member_id = ? ORDER BY quest_id
            """, [.text(memberID)]
        ).map(Self.enrollment)
    }

    func questEnrollments(questID: String, organizationID: String?, page: PageRequest) throws -> Page<QuestEnrollment> {
        let rows = try connection.query(
            """
            SELECT \(Self.enrollmentColumns) FROM quest_enrollments
            WHERE quest_id = ?1 AND member_id > ?2
                AND (?3 IS NULL OR member_id IN (SELECT id FROM members WHERE organization_id = ?3))
            ORDER BY member_id LIMIT ?4
            """, [.text(questID), .text(page.after ?? ""), SQLiteValue(organizationID), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.enrollment), limit: page.limit, key: \.memberID)
    }

    func save(_ quest: Quest) throws {
        try connection.run(
            """
            INSERT INTO quests (id, definition, created_at, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """, [.text(quest.id), SQLiteValue(json: quest.definition), SQLiteValue(quest.createdAt), SQLiteValue(quest.updatedAt)])
    }

    /// The quest's enrollments move to `quest_enrollments_retired` (migration 0038), so that a
    /// quest created again under the id starts from none.
    func deleteQuest(id: String, at: Timestamp) throws {
        try connection.run(
            """
            INSERT INTO quest_enrollments_retired (\(Self.enrollmentColumns), retired_at)
            SELECT \(Self.enrollmentColumns), ? FROM quest_enrollments WHERE quest_id = ?
            """, [SQLiteValue(at), .text(id)])
        try connection.run("DELETE FROM quest_enrollments WHERE quest_id = ?", [.text(id)])
        try connection.run("DELETE FROM quests WHERE id = ?", [.text(id)])
    }

    func save(_ enrollment: QuestEnrollment) throws {
        let steps = JSONObject(enrollment.steps.sorted { $0.key < $1.key }.map { id, progress in
            (id, .object(JSONObject([
                ("count", .int(progress.count)), ("completed_at", progress.completedAt.map { .int($0.millisecondsSinceEpoch) } ?? .null),
                ("granted", progress.granted?.json ?? .null),
            ])))
        })
        try connection.run(
            """
            INSERT INTO quest_enrollments (quest_id, member_id, enrolled_at, enrollment, deadline, steps, completed_at, completion_granted, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (quest_id, member_id) DO UPDATE SET deadline = excluded.deadline, steps = excluded.steps,
                completed_at = excluded.completed_at, completion_granted = excluded.completion_granted, updated_at = excluded.updated_at
            """,
            [.text(enrollment.questID), .text(enrollment.memberID), SQLiteValue(enrollment.enrolledAt), .text(enrollment.enrollment.rawValue),
             SQLiteValue(enrollment.deadline), SQLiteValue(json: .object(steps)), SQLiteValue(enrollment.completedAt),
             SQLiteValue(json: enrollment.completionGranted?.json), SQLiteValue(enrollment.updatedAt)])
    }

    private static let enrollmentColumns =
        "quest_id, member_id, enrolled_at, enrollment, deadline, steps, completed_at, completion_granted, updated_at"

    private static func enrollment(_ row: SQLiteRow) throws -> QuestEnrollment {
        var steps: [String: QuestEnrollment.StepProgress] = [:]
        for (id, value) in try row.jsonObject("steps").entries {
            let progress = value.objectValue
            steps[id] = QuestEnrollment.StepProgress(
                count: progress?["count"]?.intValue ?? 0,
                completedAt: progress?["completed_at"]?.intValue.map(Timestamp.init(millisecondsSinceEpoch:)),
                granted: QuestGrant(json: progress?["granted"]))
        }
        return QuestEnrollment(
            questID: try row.requiredString("quest_id"), memberID: try row.requiredString("member_id"),
            enrolledAt: try row.timestamp("enrolled_at"),
            enrollment: row.string("enrollment").flatMap(Quest.Enrollment.init(rawValue:)) ?? .automatic,
            deadline: row.optionalTimestamp("deadline"), steps: steps, completedAt: row.optionalTimestamp("completed_at"),
            completionGranted: QuestGrant(json: try row.json("completion_granted")), updatedAt: try row.timestamp("updated_at"))
    }

    private static func quest(_ row: SQLiteRow) throws -> Quest {
        let id = try row.requiredString("id")
        guard let definition = try row.json("definition"), let draft = try? QuestDraft.parse(definition, id: id) else {
            throw StorageError.corrupt("quest \(id) has an invalid definition")
        }
        return draft.quest(id: id, createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }
}

import Engine
import SQLite

extension SQLStore {
    func goal(id: String) throws -> Goal? {
        try connection.queryOne("SELECT id, definition, created_at, updated_at FROM goals WHERE id = ?", [.text(id)]).map(Self.goal)
    }

    func goals(page: PageRequest) throws -> Page<Goal> {
        let rows = try connection.query(
            "SELECT id, definition, created_at, updated_at FROM goals WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.goal), limit: page.limit, key: \.id)
    }

    func goalAchievements(goalID: String, subjectID: String, limit: Int) throws -> [GoalAchievement] {
        try connection.query(
            """
            SELECT goal_id, subject_id, period, level_id, total, reached_at FROM goal_achievements
            WHERE goal_id = ? AND subject_id = ? ORDER BY reached_at DESC, period DESC LIMIT ?
            """, [.text(goalID), .text(subjectID), .integer(Int64(limit))]
        ).map { row in
            GoalAchievement(
                goalID: try row.requiredString("goal_id"), subjectID: try row.requiredString("subject_id"),
                period: try row.requiredString("period"), levelID: try row.requiredString("level_id"),
                total: row.int64("total") ?? 0, reachedAt: try row.timestamp("reached_at"))
        }
    }

    func save(_ goal: Goal) throws {
        try connection.run(
            """
            INSERT INTO goals (id, definition, created_at, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """, [.text(goal.id), SQLiteValue(json: goal.definition), SQLiteValue(goal.createdAt), SQLiteValue(goal.updatedAt)])
    }

    func deleteGoal(id: String) throws {
        try connection.run("DELETE FROM goals WHERE id = ?", [.text(id)])
    }

    func insert(_ achievement: GoalAchievement) throws -> Bool {
        try connection.run(
            """
            INSERT INTO goal_achievements (goal_id, subject_id, period, level_id, total, reached_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """,
            [.text(achievement.goalID), .text(achievement.subjectID), .text(achievement.period), .text(achievement.levelID),
             .integer(achievement.total), SQLiteValue(achievement.reachedAt)])
        return connection.changes > 0
    }

    private static func goal(_ row: SQLiteRow) throws -> Goal {
        let id = try row.requiredString("id")
        guard let definition = try row.json("definition"), let draft = try? GoalDraft.parse(definition, id: id) else {
            throw StorageError.corrupt("goal \(id) has an invalid definition")
        }
        return draft.goal(id: id, createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }
}

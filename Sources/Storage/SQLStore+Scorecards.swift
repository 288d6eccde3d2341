import Engine
import SQLite

extension SQLStore {
    func scorecardTemplate(id: String) throws -> ScorecardTemplate? {
        try configurationCache.scorecardTemplates.value(at: try configurationGeneration("scorecard_templates")) {
            let rows = try connection.query("SELECT id, definition, created_at, updated_at FROM scorecard_templates", [])
            return try rows.reduce(into: [:]) { templates, row in
                let template = try Self.scorecardTemplate(row)
                templates[template.id] = template
            }
        }[id]
    }

    func scorecardTemplates(page: PageRequest) throws -> Page<ScorecardTemplate> {
        let rows = try connection.query(
            "SELECT id, definition, created_at, updated_at FROM scorecard_templates WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.scorecardTemplate), limit: page.limit, key: \.id)
    }

    func save(_ template: ScorecardTemplate) throws {
        try connection.run(
            """
            INSERT INTO scorecard_templates (id, definition, created_at, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """,
            [.text(template.id), SQLiteValue(json: template.definition), SQLiteValue(template.createdAt), SQLiteValue(template.updatedAt)])
    }

    func deleteScorecardTemplate(id: String) throws {
        try connection.run("DELETE FROM scorecard_templates WHERE id = ?", [.text(id)])
    }

    private static func scorecardTemplate(_ row: SQLiteRow) throws -> ScorecardTemplate {
        let id = try row.requiredString("id")
        guard let definition = try row.json("definition"), let draft = try? ScorecardTemplateDraft.parse(definition, id: id) else {
            throw StorageError.corrupt("scorecard template \(id) has an invalid definition")
        }
        return draft.template(id: id, createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }
}

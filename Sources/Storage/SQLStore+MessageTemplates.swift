import Engine
import SQLite

extension SQLStore {
    func messageTemplate(trigger: MessageTemplate.Trigger) throws -> MessageTemplate? {
        try connection.queryOne(
            "SELECT trigger, definition, created_at, updated_at FROM message_templates WHERE trigger = ?", [.text(trigger.rawValue)]
        ).map(Self.messageTemplate)
    }

    func messageTemplates() throws -> [MessageTemplate] {
        try connection.query("SELECT trigger, definition, created_at, updated_at FROM message_templates ORDER BY trigger", [])
            .map(Self.messageTemplate)
    }

    func notificationCount(memberID: String, kind: String) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM notifications WHERE member_id = ? AND kind = ?", [.text(memberID), .text(kind)])?
            .int("n") ?? 0
    }

    func save(_ template: MessageTemplate) throws {
        try connection.run(
            """
            INSERT INTO message_templates (trigger, definition, created_at, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (trigger) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """,
            [.text(template.trigger.rawValue), SQLiteValue(json: template.definition), SQLiteValue(template.createdAt),
             SQLiteValue(template.updatedAt)])
    }

    func deleteMessageTemplate(trigger: MessageTemplate.Trigger) throws {
        try connection.run("DELETE FROM message_templates WHERE trigger = ?", [.text(trigger.rawValue)])
    }

    private static func messageTemplate(_ row: SQLiteRow) throws -> MessageTemplate {
        let trigger = try row.requiredString("trigger")
        guard let definition = try row.json("definition"), let (kind, draft) = try? MessageTemplateDraft.parse(definition, trigger: trigger) else {
            throw StorageError.corrupt("message template \(trigger) has an invalid definition")
        }
        return draft.template(kind, createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }
}

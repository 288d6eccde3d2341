import Engine
import SQLite

extension SQLStore {
    func messageTemplate(trigger: MessageTemplate.Trigger) throws -> MessageTemplate? {
        try connection.queryOne(
            "SELECT trigger, definition, created_at, updated_at FROM message_templates WHERE trigger = ?", [.text(trigger.rawValue)]
        ).map(Self.messageTemplate)
    }

    /// Every event asks (`Messenger`): decoded once per change of the templates.
    func messageTemplates() throws -> [MessageTemplate] {
        try configurationCache.messageTemplates.value(at: try configurationGeneration("message_templates")) {
            try connection.query("SELECT trigger, definition, created_at, updated_at FROM message_templates ORDER BY trigger", [])
                .map(Self.messageTemplate)
        }
    }

    func notificationCount(memberID: String, kind: String) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM notifications WHERE member_id = ? AND kind = ?", [.text(memberID), .text(kind)])?
            .int("n") ?? 0
    }

    func pointsExpiringUnreminded(after: Timestamp, through: Timestamp, limit: Int) throws -> [ExpiringPoints] {
        try connection.query(
            """
            SELECT l.holder, l.currency, l.expires_at, sum(l.remaining) AS amount FROM ledger_lots l
            WHERE l.remaining > 0 AND l.expires_at IS NOT NULL AND l.expires_at > ? AND l.expires_at <= ? AND l.reversed = 0
              AND NOT EXISTS (SELECT 1 FROM expiry_reminders r
                              WHERE r.holder = l.holder AND r.currency = l.currency AND r.expires_at = l.expires_at)
            GROUP BY l.holder, l.currency, l.expires_at ORDER BY l.expires_at, l.holder, l.currency LIMIT ?
            """, [SQLiteValue(after), SQLiteValue(through), .integer(Int64(limit))]
        ).compactMap { row in
            let holder: LedgerHolder? = switch row.string("holder").flatMap(LedgerAccount.init(parsing:)) {
            case .member(let id)?: .member(id)
            case .organization(let id)?: .organization(id)
            default: nil
            }
            guard let holder else { return nil }
            return ExpiringPoints(
                holder: holder, currency: try row.requiredString("currency"), expiresAt: try row.timestamp("expires_at"),
                amount: row.int64("amount") ?? 0)
        }
    }

    func recordExpiryReminder(holder: LedgerHolder, currency: String, expiresAt: Timestamp, at: Timestamp) throws {
        try connection.run(
            "INSERT INTO expiry_reminders (holder, currency, expires_at, reminded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [.text(holder.description), .text(currency), SQLiteValue(expiresAt), SQLiteValue(at)])
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

import Engine
import SQLite

extension SQLStore {
    func scorecardTemplate(id: String) throws -> ScorecardTemplate? {
        try connection.queryOne("SELECT id, definition, created_at, updated_at FROM scorecard_templates WHERE id = ?", [.text(id)])
            .map(Self.scorecardTemplate)
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

extension SQLStore {
    private static let interactionColumns =
        "id, supplier_id, template_id, reference, due_at, started_at, completed_at, ratings, flags, comment, rated_by, tip, recorded_at, fingerprint, status"

    func interaction(id: String) throws -> Interaction? {
        try connection.queryOne("SELECT \(Self.interactionColumns) FROM interactions WHERE id = ?", [.text(id)]).map(Self.interaction)
    }

    func interactionAnswer(id: String) throws -> JSONValue? {
        try connection.queryOne("SELECT answer FROM interactions WHERE id = ?", [.text(id)]).flatMap { try $0.json("answer") }
    }

    func interactions(supplierID: String, templateID: String, completedFrom from: Timestamp) throws -> [Interaction] {
        try connection.query(
            """
            SELECT \(Self.interactionColumns) FROM interactions
            WHERE supplier_id = ? AND template_id = ? AND completed_at >= ? AND status = 'counted' ORDER BY completed_at, id
            """, [.text(supplierID), .text(templateID), SQLiteValue(from)]
        ).map(Self.interaction)
    }

    func interactions(filter: InteractionFilter, page: PageRequest) throws -> Page<Interaction> {
        // The cursor is "<completed_at ms>/<id>" of the last one shown, newest first.
        var after: (Int64, String)?
        if let cursor = page.after, let slash = cursor.firstIndex(of: "/"), let ms = Int64(cursor[..<slash]) {
            after = (ms, String(cursor[cursor.index(after: slash)...]))
        }
        let rows = try connection.query(
            """
            SELECT \(Self.interactionColumns) FROM interactions
            WHERE (?1 IS NULL OR supplier_id = ?1) AND (?2 IS NULL OR template_id = ?2)
                AND (?3 IS NULL OR completed_at >= ?3) AND (?4 IS NULL OR completed_at < ?4)
                AND (?5 IS NULL OR completed_at < ?5 OR (completed_at = ?5 AND id < ?6))
            ORDER BY completed_at DESC, id DESC LIMIT ?7
            """,
            [SQLiteValue(filter.supplierID), SQLiteValue(filter.templateID), SQLiteValue(filter.from), SQLiteValue(filter.to),
             SQLiteValue(after?.0), SQLiteValue(after?.1), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.interaction), limit: page.limit) { "\($0.completedAt.millisecondsSinceEpoch)/\($0.id)" }
    }

    func interactionSuppliers(templateID: String, completedFrom from: Timestamp) throws -> [String] {
        try connection.query(
            "SELECT DISTINCT supplier_id FROM interactions WHERE template_id = ? AND completed_at >= ? AND status = 'counted' ORDER BY supplier_id",
            [.text(templateID), SQLiteValue(from)]
        ).map { try $0.requiredString("supplier_id") }
    }

    func latestInteractionTemplate(supplierID: String) throws -> String? {
        try connection.queryOne(
            "SELECT template_id FROM interactions WHERE supplier_id = ? ORDER BY completed_at DESC, id DESC LIMIT 1", [.text(supplierID)]
        )?.string("template_id")
    }

    func insert(_ interaction: Interaction, answer: JSONValue) throws {
        let ratings = JSONObject(interaction.ratings.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
        let tip = interaction.tip.map { JSONValue.object(JSONObject([("amount", .int($0.amount)), ("currency", .string($0.currency))])) }
        try connection.run(
            """
            INSERT INTO interactions (\(Self.interactionColumns), answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(interaction.id), .text(interaction.supplierID), .text(interaction.templateID), SQLiteValue(interaction.reference),
             SQLiteValue(interaction.dueAt), SQLiteValue(interaction.startedAt), SQLiteValue(interaction.completedAt),
             SQLiteValue(json: .object(ratings)), SQLiteValue(json: .array(interaction.flags.map(JSONValue.string))),
             SQLiteValue(interaction.comment), SQLiteValue(interaction.ratedBy), SQLiteValue(json: tip), SQLiteValue(interaction.recordedAt),
             .text(interaction.fingerprint), .text(interaction.status.rawValue), SQLiteValue(json: answer)])
    }

    private static func interaction(_ row: SQLiteRow) throws -> Interaction {
        let ratings = try row.jsonObject("ratings").entries.reduce(into: [String: Int64]()) { $0[$1.key] = $1.value.intValue }
        let tip = try row.json("tip").flatMap(\.objectValue).flatMap { object -> Interaction.Tip? in
            guard let amount = object["amount"]?.intValue, let currency = object["currency"]?.stringValue else { return nil }
            return Interaction.Tip(amount: amount, currency: currency)
        }
        return Interaction(
            id: try row.requiredString("id"), supplierID: try row.requiredString("supplier_id"), templateID: try row.requiredString("template_id"),
            reference: row.string("reference"), dueAt: row.optionalTimestamp("due_at"), startedAt: row.optionalTimestamp("started_at"),
            completedAt: try row.timestamp("completed_at"), ratings: ratings,
            flags: try row.json("flags")?.arrayValue?.compactMap(\.stringValue) ?? [], comment: row.string("comment"),
            ratedBy: row.string("rated_by"), tip: tip, recordedAt: try row.timestamp("recorded_at"), fingerprint: try row.requiredString("fingerprint"),
            status: row.string("status").flatMap(Interaction.Status.init(rawValue:)) ?? .counted)
    }
}

extension SQLStore {
    private static let disputeColumns =
        "id, subject, subject_id, organization_id, reason, status, note, opened_by, opened_at, resolved_by, resolved_at"

    func dispute(id: String) throws -> Dispute? {
        try connection.queryOne("SELECT \(Self.disputeColumns) FROM disputes WHERE id = ?", [.text(id)]).map(Self.dispute)
    }

    func openDispute(subject: Dispute.Subject, subjectID: String) throws -> Dispute? {
        try connection.queryOne(
            "SELECT \(Self.disputeColumns) FROM disputes WHERE subject = ? AND subject_id = ? AND status = 'open'",
            [.text(subject.rawValue), .text(subjectID)]
        ).map(Self.dispute)
    }

    func disputes(organizationID: String?, status: Dispute.Status?, page: PageRequest) throws -> Page<Dispute> {
        var after: (Int64, String)?
        if let cursor = page.after, let slash = cursor.firstIndex(of: "/"), let ms = Int64(cursor[..<slash]) {
            after = (ms, String(cursor[cursor.index(after: slash)...]))
        }
        let rows = try connection.query(
            """
            SELECT \(Self.disputeColumns) FROM disputes
            WHERE (?1 IS NULL OR organization_id = ?1) AND (?2 IS NULL OR status = ?2)
                AND (?3 IS NULL OR opened_at < ?3 OR (opened_at = ?3 AND id < ?4))
            ORDER BY opened_at DESC, id DESC LIMIT ?5
            """,
            [SQLiteValue(organizationID), SQLiteValue(status?.rawValue), SQLiteValue(after?.0), SQLiteValue(after?.1),
             .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.dispute), limit: page.limit) { "\($0.openedAt.millisecondsSinceEpoch)/\($0.id)" }
    }

    func save(_ dispute: Dispute) throws {
        try connection.run(
            """
            INSERT INTO disputes (\(Self.disputeColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, note = excluded.note, resolved_by = excluded.resolved_by,
                resolved_at = excluded.resolved_at
            """,
            [.text(dispute.id), .text(dispute.subject.rawValue), .text(dispute.subjectID), SQLiteValue(dispute.organizationID),
             .text(dispute.reason), .text(dispute.status.rawValue), SQLiteValue(dispute.note), SQLiteValue(dispute.openedBy),
             SQLiteValue(dispute.openedAt), SQLiteValue(dispute.resolvedBy), SQLiteValue(dispute.resolvedAt)])
        guard dispute.subject == .interaction else { return }
        let status: Interaction.Status = switch dispute.status {
        case .open: .disputed
        case .upheld: .counted
        case .voided: .voided
        }
        try connection.run("UPDATE interactions SET status = ? WHERE id = ?", [.text(status.rawValue), .text(dispute.subjectID)])
    }

    private static func dispute(_ row: SQLiteRow) throws -> Dispute {
        guard let subject = row.string("subject").flatMap(Dispute.Subject.init(rawValue:)),
              let status = row.string("status").flatMap(Dispute.Status.init(rawValue:))
        else { throw StorageError.corrupt("a dispute without subject or status") }
        return Dispute(
            id: try row.requiredString("id"), subject: subject, subjectID: try row.requiredString("subject_id"),
            organizationID: row.string("organization_id"), reason: try row.requiredString("reason"), status: status, note: row.string("note"),
            openedBy: row.string("opened_by"), openedAt: try row.timestamp("opened_at"), resolvedBy: row.string("resolved_by"),
            resolvedAt: row.optionalTimestamp("resolved_at"))
    }
}

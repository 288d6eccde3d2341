import Engine
import SQLite

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
        let after = TimeCursor(page.after)
        let rows = try connection.query(
            """
            SELECT \(Self.disputeColumns) FROM disputes
            WHERE (?1 IS NULL OR organization_id = ?1) AND (?2 IS NULL OR status = ?2)
                AND (?3 IS NULL OR opened_at < ?3 OR (opened_at = ?3 AND id < ?4))
            ORDER BY opened_at DESC, id DESC LIMIT ?5
            """,
            [SQLiteValue(organizationID), SQLiteValue(status?.rawValue), SQLiteValue(after?.at), SQLiteValue(after?.id),
             .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.dispute), limit: page.limit) { TimeCursor.after($0.openedAt, $0.id) }
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

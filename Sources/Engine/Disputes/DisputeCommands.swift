/// Opening, listing and resolving disputes; every step audited. Any key but a viewer's may open a
/// dispute about a record it can see (a partner key: its own organization's); only admin keys
/// resolve.
public enum DisputeCommands {
    public struct Opening: Sendable, Equatable {
        public var subject: Dispute.Subject
        public var subjectID: String
        public var reason: String
    }

    public static let reasonBytesMax = 2000

    /// `{"interaction_id" | "event_id", "reason"}`.
    public static func parseOpening(_ body: JSONValue) throws(DomainError) -> Opening {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["interaction_id", "event_id", "reason"])
        let interactionID = reader.string("interaction_id", required: false, rule: .identifier)
        let eventID = reader.string("event_id", required: false, rule: .identifier)
        let reason = reader.string("reason", required: true, rule: .text(max: reasonBytesMax))
        if reader.countGiven(["interaction_id", "event_id"]) != 1 { report.add(reader.path, "needs exactly one of interaction_id and event_id") }
        try report.check()
        guard let reason else { fatalError("problems were reported") }
        if let interactionID { return Opening(subject: .interaction, subjectID: interactionID, reason: reason) }
        guard let eventID else { fatalError("problems were reported") }
        return Opening(subject: .event, subjectID: eventID, reason: reason)
    }

    /// `{"decision": "uphold" | "void", "note"}`.
    public static func parseDecision(_ body: JSONValue) throws(DomainError) -> (Dispute.Decision, String?) {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["decision", "note"])
        let decision = reader.choice("decision", required: true, as: Dispute.Decision.self)
        let note = reader.string("note", required: false, rule: .text(max: reasonBytesMax))
        try report.check()
        guard let decision else { fatalError("problems were reported") }
        return (decision, note)
    }

    /// 404 for a record the key cannot see; 409 while the record already has an open dispute.
    public static func open(_ opening: Opening, id: String, context: ChangeContext, in store: any StoreWriter) throws -> Dispute {
        guard let principal = context.principal else { preconditionFailure("disputes come through the API") }
        if principal.role == .viewer { throw DomainError.forbidden("a viewer key cannot open disputes") }
        let organizationID: String?
        switch opening.subject {
        case .interaction:
            guard let interaction = try store.interaction(id: opening.subjectID), principal.canSee(organizationID: interaction.supplierID)
            else { throw DomainError.notFound(kind: "interaction", id: opening.subjectID) }
            organizationID = interaction.supplierID
        case .event:
            guard let event = try store.event(id: opening.subjectID), principal.canSee(organizationID: event.organizationID ?? "")
            else { throw DomainError.notFound(kind: "event", id: opening.subjectID) }
            organizationID = event.organizationID
        }
        if let open = try store.openDispute(subject: opening.subject, subjectID: opening.subjectID) {
            throw DomainError.conflict("\(opening.subject.rawValue) \(opening.subjectID) already has an open dispute: \(open.id)")
        }
        let dispute = Dispute(
            id: id, subject: opening.subject, subjectID: opening.subjectID, organizationID: organizationID, reason: opening.reason,
            openedBy: principal.keyID, openedAt: context.at)
        try store.save(dispute)
        try store.append(context.audit("dispute.open", "dispute", id, before: nil, after: dispute.json))
        return dispute
    }

    /// Admin keys only. `void` of an event reverses it (as `POST /v1/events/{id}/reverse`);
    /// resolving a resolved dispute is 409.
    public static func resolve(
        _ id: String, decision: Dispute.Decision, note: String?, context: ChangeContext, in store: any StoreWriter
    ) throws -> Dispute {
        if let principal = context.principal, !principal.isAdmin { throw DomainError.forbidden("only admin keys resolve disputes") }
        guard let before = try store.dispute(id: id) else { throw DomainError.notFound(kind: "dispute", id: id) }
        guard before.status == .open else { throw DomainError.conflict("dispute \(id) is already \(before.status.rawValue)") }
        var dispute = before
        dispute.status = decision == .uphold ? .upheld : .voided
        dispute.note = note
        dispute.resolvedBy = context.principal?.keyID
        dispute.resolvedAt = context.at
        if decision == .void, dispute.subject == .event {
            _ = try EventReversal.reverse(eventID: dispute.subjectID, context: context, in: store)
        }
        try store.save(dispute)
        try store.append(context.audit("dispute.\(decision.rawValue)", "dispute", id, before: before.json, after: dispute.json))
        return dispute
    }

    public static func get(_ id: String, as principal: Principal, in store: any StoreReader) throws -> Dispute {
        guard let dispute = try store.dispute(id: id), principal.canSee(organizationID: dispute.organizationID ?? "") else {
            throw DomainError.notFound(kind: "dispute", id: id)
        }
        return dispute
    }

    /// A partner key lists its own organization's disputes only.
    public static func list(
        organizationID: String?, status: Dispute.Status?, page: PageRequest, as principal: Principal, in store: any StoreReader
    ) throws -> Page<Dispute> {
        var scope = organizationID
        if principal.role == .partner {
            if let asked = organizationID, asked != principal.organizationID { return Page(items: [], nextAfter: nil) }
            scope = principal.organizationID
        }
        return try store.disputes(organizationID: scope, status: status, page: page)
    }
}

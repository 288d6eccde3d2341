/// A supplier or partner contesting an interaction (a rating it finds unfair) or an event (an award
/// or its absence): open until an admin decides. While open, a disputed interaction counts in no
/// score; `uphold` lets the record stand (it counts again), `void` sets it aside for good — the
/// interaction is excluded from every score, the event is reversed with everything it awarded.
public struct Dispute: Sendable, Equatable {
    public enum Subject: String, Sendable, CaseIterable {
        case interaction, event
    }

    public enum Status: String, Sendable, CaseIterable {
        case open, upheld, voided
    }

    public enum Decision: String, Sendable, CaseIterable {
        case uphold, void
    }

    public var id: String
    public var subject: Subject
    public var subjectID: String
    /// The organization the disputed record belongs to (the supplier, the event's organization):
    /// partner keys see its disputes only.
    public var organizationID: String?
    public var reason: String
    public var status: Status
    public var note: String?
    public var openedBy: String?
    public var openedAt: Timestamp
    public var resolvedBy: String?
    public var resolvedAt: Timestamp?

    public init(
        id: String, subject: Subject, subjectID: String, organizationID: String?, reason: String, status: Status = .open, note: String? = nil,
        openedBy: String?, openedAt: Timestamp, resolvedBy: String? = nil, resolvedAt: Timestamp? = nil
    ) {
        self.id = id
        self.subject = subject
        self.subjectID = subjectID
        self.organizationID = organizationID
        self.reason = reason
        self.status = status
        self.note = note
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("subject", .string(subject.rawValue)), ("subject_id", .string(subjectID)),
            ("organization_id", .optional(organizationID)), ("reason", .string(reason)), ("status", .string(status.rawValue)),
            ("note", .optional(note)), ("opened_by", .optional(openedBy)), ("opened_at", .string(openedAt.rfc3339)),
            ("resolved_by", .optional(resolvedBy)), ("resolved_at", resolvedAt.map { .string($0.rfc3339) } ?? .null),
        ]))
    }
}

/// What a customer's people say: `nps` (0–10, would you recommend us), `csat` (1–5, how satisfied),
/// `ces` (1–7, how easy), from a member of the customer organization in a stakeholder role.
/// Feedback tied to an interaction is transactional; the rest is relational (periodic surveys),
/// and the two are kept apart in every figure.
public struct Feedback: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case nps, csat, ces

        public var range: ClosedRange<Int64> {
            switch self {
            case .nps: 0...10
            case .csat: 1...5
            case .ces: 1...7
            }
        }
    }

    public enum Role: String, Sendable, CaseIterable {
        case decisionMaker = "decision_maker"
        case influencer, user
    }

    public var id: String
    public var kind: Kind
    public var organizationID: String
    public var memberID: String?
    public var role: Role
    public var score: Int64
    public var interactionID: String?
    public var comment: String?
    public var recordedAt: Timestamp
    public var fingerprint: String

    public var isTransactional: Bool { interactionID != nil }

    public init(
        id: String, kind: Kind, organizationID: String, memberID: String?, role: Role, score: Int64, interactionID: String? = nil,
        comment: String? = nil, recordedAt: Timestamp, fingerprint: String = ""
    ) {
        self.id = id
        self.kind = kind
        self.organizationID = organizationID
        self.memberID = memberID
        self.role = role
        self.score = score
        self.interactionID = interactionID
        self.comment = comment
        self.recordedAt = recordedAt
        self.fingerprint = fingerprint
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("kind", .string(kind.rawValue)), ("organization_id", .string(organizationID)),
            ("member_id", .optional(memberID)), ("role", .string(role.rawValue)), ("score", .int(score)),
            ("interaction_id", .optional(interactionID)), ("type", .string(isTransactional ? "transactional" : "relational")),
            ("comment", .optional(comment)), ("recorded_at", .string(recordedAt.rfc3339)),
        ]))
    }

    /// `{"id", "kind", "organization_id", "member_id"?, "role", "score", "interaction_id"?, "comment"?}`.
    public static func parse(_ body: JSONValue, now: Timestamp) throws(DomainError) -> Feedback {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["id", "kind", "organization_id", "member_id", "role", "score", "interaction_id", "comment"])
        let id = reader.string("id", required: true, rule: .identifier)
        let kind = reader.choice("kind", required: true, as: Kind.self)
        let organizationID = reader.string("organization_id", required: true, rule: .identifier)
        let memberID = reader.string("member_id", required: false, rule: .identifier)
        let role = reader.choice("role", required: true, as: Role.self)
        let score = reader.integer("score", required: true, range: kind?.range ?? 0...10)
        let interactionID = reader.string("interaction_id", required: false, rule: .identifier)
        let comment = reader.string("comment", required: false, rule: .text(max: 2000))
        try report.check()
        guard let id, let kind, let organizationID, let role, let score else { fatalError("problems were reported") }
        return Feedback(
            id: id, kind: kind, organizationID: organizationID, memberID: memberID, role: role, score: score, interactionID: interactionID,
            comment: comment, recordedAt: now, fingerprint: ContentFingerprint.of(body))
    }
}

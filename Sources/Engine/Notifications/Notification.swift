/// A message to a member, kept for its inbox. For now only rules' `notify` effects write them
/// (`kind` "rule", `template` the effect's template id, `payload` its other keys); the inbox,
/// templates and delivery come later and add kinds (badge, tier change, …) over the same rows.
public struct MemberNotification: Sendable, Equatable {
    /// Assigned by the store; 0 before.
    public var id: Int64
    public var memberID: String
    public var kind: String
    public var template: String?
    public var payload: JSONObject
    public var eventID: String?
    public var ruleID: String?
    public var ruleVersion: Int?
    public var createdAt: Timestamp
    public var readAt: Timestamp?

    public init(
        id: Int64 = 0, memberID: String, kind: String, template: String?, payload: JSONObject, eventID: String?, ruleID: String?,
        ruleVersion: Int?, createdAt: Timestamp, readAt: Timestamp? = nil
    ) {
        self.id = id
        self.memberID = memberID
        self.kind = kind
        self.template = template
        self.payload = payload
        self.eventID = eventID
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.createdAt = createdAt
        self.readAt = readAt
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .int(id)), ("member_id", .string(memberID)), ("kind", .string(kind)), ("template", .optional(template)),
            ("payload", .object(payload)), ("event_id", .optional(eventID)), ("rule_id", .optional(ruleID)),
            ("rule_version", ruleVersion.map { .int(Int64($0)) } ?? .null), ("created_at", .string(createdAt.rfc3339)),
            ("read_at", readAt.map { .string($0.rfc3339) } ?? .null),
        ]))
    }
}

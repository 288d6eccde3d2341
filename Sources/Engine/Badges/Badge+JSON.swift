extension Badge {
    /// The document form: what the API answers and the audit log keeps.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("name", .string(name)),
            ("description", description.map(JSONValue.string) ?? .null),
            ("repeatable", .bool(repeatable)),
            ("valid_until", validUntil.map { .string($0.rfc3339) } ?? .null),
            ("criterion", criterion?.json ?? .null),
            ("created_at", .string(createdAt.rfc3339)),
            ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

extension BadgeCriterion {
    public var json: JSONValue {
        .object(JSONObject([
            ("event_type", .string(eventType)), ("count", .int(Int64(count))), ("period", .string(period.rawValue)),
        ]))
    }
}

extension MemberBadge {
    /// How a member holds a badge; `name` is null when the badge has been deleted since.
    public func json(name: String?) -> JSONValue {
        .object(JSONObject([
            ("badge_id", .string(badgeID)),
            ("name", name.map(JSONValue.string) ?? .null),
            ("earned_at", .string(earnedAt.rfc3339)),
            ("event_id", .string(eventID)),
            ("by", .string(by)),
            ("rule_version", ruleVersion.map { .int(Int64($0)) } ?? .null),
            ("revoked_at", revokedAt.map { .string($0.rfc3339) } ?? .null),
        ]))
    }
}

extension Badge: ConfigurationObject {
    public static let kind = "badge"
    public static let kindPlural = "badges"
}

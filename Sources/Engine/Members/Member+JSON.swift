extension Member {
    /// The document form: what the API answers and what the audit log keeps.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("organization_id", .string(organizationID)),
            ("name", .optional(name)),
            ("role", .string(role)),
            ("team", .optional(team)),
            ("attributes", .object(attributes)),
            ("status", .string(status.rawValue)),
            ("public_profile", .bool(publicProfile)),
            ("created_at", .string(createdAt.rfc3339)),
            ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

extension Membership {
    public var json: JSONValue {
        .object(JSONObject([
            ("organization_id", .string(organizationID)),
            ("joined_at", .string(joinedAt.rfc3339)),
            ("left_at", leftAt.map { .string($0.rfc3339) } ?? .null),
        ]))
    }
}

extension APIKey {
    /// The document form. Never contains the secret or its hash.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("name", .string(name)),
            ("role", .string(role.rawValue)),
            ("organization_id", .optional(organizationID)),
            ("rate_limit", rateLimit.map { .object(JSONObject([("per_second", .int(Int64($0.perSecond))), ("burst", .int(Int64($0.burst)))])) } ?? .null),
            ("created_at", .string(createdAt.rfc3339)),
            ("created_by", .optional(createdBy)),
            ("revoked_at", revokedAt.map { .string($0.rfc3339) } ?? .null),
        ]))
    }
}

extension Event {
    /// The event as the API shows it; times in RFC 3339.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("type", .string(type)),
            ("member_id", .optional(memberID)),
            ("organization_id", .optional(organizationID)),
            ("occurred_at", .string(occurredAt.rfc3339)),
            ("received_at", .string(receivedAt.rfc3339)),
            ("properties", .object(properties)),
            ("reversed_at", .optional(reversedAt?.rfc3339)),
        ]))
    }
}

extension Organization {
    /// The document form: what the API answers and what the audit log keeps.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("name", .string(name)),
            ("kind", .string(kind)),
            ("parent_id", .optional(parentID)),
            ("segments", .array(segments.map(JSONValue.string))),
            ("attributes", .object(attributes)),
            ("status", .string(status.rawValue)),
            ("created_at", .string(createdAt.rfc3339)),
            ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

extension AuditEntry {
    public var json: JSONValue {
        .object(JSONObject([
            ("sequence", sequence.map(JSONValue.int) ?? .null),
            ("at", .string(at.rfc3339)),
            ("key_id", .optional(keyID)),
            ("action", .string(action)),
            ("entity_kind", .string(entityKind)),
            ("entity_id", .string(entityID)),
            ("before", before ?? .null),
            ("after", after ?? .null),
            ("request_id", .optional(requestID)),
        ]))
    }
}

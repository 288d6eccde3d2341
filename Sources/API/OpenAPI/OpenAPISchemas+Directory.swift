import Engine

extension OpenAPISchemas {
    /// Organizations, members, keys and the audit log.
    static let directory: [(key: String, value: JSONValue)] = [
        ("OrganizationWrite", object([
            ("name", string(maxLength: 200)), ("kind", string("partner, customer, supplier, or any word.", maxLength: 64)),
            ("parent_id", ["type": ["string", "null"]]), ("segments", array(string(maxLength: 64))),
            ("attributes", OpenAPIDocument.ref("Attributes")), ("status", OpenAPIDocument.ref("Status")),
        ], required: ["name", "kind"], closed: true)),
        ("Organization", object([
            ("id", string()), ("name", string()), ("kind", string()), ("parent_id", ["type": ["string", "null"]]),
            ("segments", array(string())), ("attributes", OpenAPIDocument.ref("Attributes")), ("status", OpenAPIDocument.ref("Status")),
            ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "name", "kind", "segments", "attributes", "status", "created_at", "updated_at"])),
        ("OrganizationPage", page("Organization")),
        ("MemberWrite", object([
            ("organization_id", string()), ("name", string(maxLength: 200)), ("role", string("sales, engineer, manager, …", maxLength: 64)),
            ("team", ["type": ["string", "null"]]), ("attributes", OpenAPIDocument.ref("Attributes")),
            ("status", OpenAPIDocument.ref("Status")), ("public_profile", ["type": "boolean", "default": true]),
        ], required: ["organization_id", "role"], closed: true)),
        ("Member", object([
            ("id", string()), ("organization_id", string()), ("name", ["type": ["string", "null"]]), ("role", string()),
            ("team", ["type": ["string", "null"]]), ("attributes", OpenAPIDocument.ref("Attributes")), ("status", OpenAPIDocument.ref("Status")),
            ("public_profile", ["type": "boolean"]), ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "organization_id", "role", "attributes", "status", "public_profile", "created_at", "updated_at"])),
        ("MemberProfile", ["allOf": [OpenAPIDocument.ref("Member"), object([
            ("organization_history", array(object([("organization_id", string()), ("joined_at", dateTime()), ("left_at", ["type": ["string", "null"], "format": "date-time"])]))),
        ])]]),
        ("MemberPage", page("Member")),
        ("MemberView", ["allOf": [OpenAPIDocument.ref("MemberProfile"), object([
            ("organization", object([("id", string()), ("name", string()), ("kind", string())])),
            ("balances", ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance"), "description": "By currency id."]),
            ("badges", array(OpenAPIDocument.ref("MemberBadge"))),
            ("tiers", array(OpenAPIDocument.ref("TierStanding"))),
            ("boosts", array(OpenAPIDocument.ref("Boost"))),
        ], required: ["balances", "badges", "tiers", "boosts"])]]),
        ("KeyCreate", object([
            ("role", ["type": "string", "enum": ["admin", "integration", "viewer", "partner"]]), ("name", string(maxLength: 200)),
            ("organization_id", string("Required for partner keys; only for them.")),
            ("rate_limit", object([("per_second", integer()), ("burst", integer())], required: ["per_second"])),
        ], required: ["role"], closed: true)),
        ("Key", object([
            ("id", string()), ("name", string()), ("role", string()), ("organization_id", ["type": ["string", "null"]]),
            ("rate_limit", ["type": ["object", "null"]]), ("created_at", dateTime()), ("created_by", ["type": ["string", "null"]]),
            ("revoked_at", ["type": ["string", "null"], "format": "date-time"]),
        ], required: ["id", "name", "role", "created_at"])),
        ("KeyCreated", ["allOf": [OpenAPIDocument.ref("Key"), object([("secret", ["type": ["string", "null"], "description": "The key, shown once; null on an idempotent replay."])])]]),
        ("KeyPage", page("Key")),
        ("AuditEntry", object([
            ("sequence", integer()), ("at", dateTime()), ("key_id", ["type": ["string", "null"]]), ("action", string()),
            ("entity_kind", string()), ("entity_id", string()), ("before", [:]), ("after", [:]), ("request_id", ["type": ["string", "null"]]),
        ], required: ["sequence", "at", "action", "entity_kind", "entity_id"])),
        ("AuditPage", page("AuditEntry")),
    ]
}

import Engine

extension OpenAPISchemas {
    /// Boosts, and the other non-award effects of rules (segments added, notifications kept).
    static let boosts: [(key: String, value: JSONValue)] = [
        ("Boost", object([
            ("id", integer()), ("member_id", string()),
            ("percent", ["type": "integer", "description": "Added to each award to the member: percent % of it (after the tier multiplier), rounded down."]),
            ("on", string("The event type whose awards it adds to.")),
            ("currency", ["type": ["string", "null"], "description": "When set, only awards in this currency."]),
            ("uses_total", integer()),
            ("uses_remaining", ["type": "integer", "description": "One use per event it added a bonus to; given back when that event is reversed."]),
            ("granted_at", dateTime()), ("expires_at", ["type": "string", "format": "date-time", "description": "By event time."]),
            ("revoked_at", ["type": ["string", "null"], "format": "date-time", "description": "Set when the granting event is reversed."]),
            ("granted_by", object([("event_id", string()), ("rule_id", string()), ("rule_version", integer()), ("effect_index", integer())])),
            ("status", ["enum": ["active", "used_up", "expired", "revoked"]]), ("active", ["type": "boolean"]),
        ], required: ["id", "member_id", "percent", "on", "uses_total", "uses_remaining", "granted_at", "expires_at", "granted_by"])),
        ("BoostPage", page("Boost")),
        ("BoostBonus", object([("boost_id", integer()), ("percent", integer()), ("bonus", integer())], required: ["boost_id", "percent", "bonus"])),
        ("BoostUse", object([
            ("boost_id", integer()), ("percent", integer()), ("bonus", ["type": "integer", "description": "Total added to this event's awards."]),
            ("uses_remaining", integer()), ("expires_at", dateTime()),
        ], required: ["boost_id", "percent", "bonus", "uses_remaining"])),
        ("EventBoosts", object([
            ("used", array(OpenAPIDocument.ref("BoostUse"))), ("granted", array(OpenAPIDocument.ref("Boost"))),
        ], required: ["used", "granted"])),
        ("SegmentTag", object([
            ("rule_id", string()), ("organization_id", string()), ("segment", string()),
            ("added", ["type": "boolean", "description": "False when the organization already was in the segment."]),
        ], required: ["rule_id", "organization_id", "segment", "added"])),
        ("Notification", object([
            ("id", integer()), ("member_id", string()), ("kind", string("rule: a rule's notify effect.")),
            ("template", ["type": ["string", "null"]]), ("payload", ["type": "object"]), ("event_id", ["type": ["string", "null"]]),
            ("rule_id", ["type": ["string", "null"]]), ("rule_version", ["type": ["integer", "null"]]), ("created_at", dateTime()),
            ("read_at", ["type": ["string", "null"], "format": "date-time"]),
        ], required: ["member_id", "kind", "payload", "created_at"])),
        ("BoostReversal", object([
            ("returned_uses", array(object([("boost_id", integer()), ("bonus_reversed", integer())]))),
            ("kept_uses", array(object([("boost_id", integer()), ("bonus_reversed", integer()), ("why", string())]))),
            ("revoked", array(object([("boost_id", integer()), ("uses_remaining", integer())]))),
        ], required: ["returned_uses", "kept_uses", "revoked"])),
        ("DryRunBoosts", object([
            ("used", array(OpenAPIDocument.ref("BoostUse"))),
            ("boosted_awards", array(["allOf": [OpenAPIDocument.ref("PlannedAward")], "type": "object", "properties": [
                "amount_before_boosts": integer(), "boost_bonus": integer(), "boosts": array(OpenAPIDocument.ref("BoostBonus")),
            ]])),
            ("granted", array(OpenAPIDocument.ref("Boost"))), ("tags", array(OpenAPIDocument.ref("SegmentTag"))),
            ("notifications", array(OpenAPIDocument.ref("Notification"))),
        ])),
    ]
}

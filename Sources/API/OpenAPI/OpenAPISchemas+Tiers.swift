import Engine

extension OpenAPISchemas {
    /// Tier ladders and a holder's standing on them.
    static let tiers: [(key: String, value: JSONValue)] = [
        ("TierBenefits", object([
            ("multiplier", ["type": "number", "minimum": 1, "maximum": 10,
                            "description": "Earning multiplier, at most 3 decimals; awards are multiplied and rounded down."]),
            ("list", array(string(maxLength: 200))),
        ], closed: true)),
        ("TierLevel", object([
            ("id", string(maxLength: 128)),
            ("threshold", ["type": "integer", "minimum": 0, "maximum": 1_000_000_000_000,
                           "description": "Strictly increasing; the first level's is 0."]),
            ("benefits", OpenAPIDocument.ref("TierBenefits")),
        ], required: ["id", "threshold"], closed: true)),
        ("TierDowngrade", object([
            ("policy", ["enum": ["never", "at_review"]]), ("grace_days", ["type": "integer", "minimum": 0, "maximum": 365]),
        ], required: ["policy"], closed: true)),
        ("TierLadderWrite", object([
            ("name", string(maxLength: 200)), ("subject", ["enum": ["member", "organization"]]),
            ("currency", string("An existing currency (422 otherwise).")),
            ("window", ["type": "string", "pattern": "^(lifetime|calendar_year|rolling_[0-9]{1,3}d)$",
                        "description": "rolling_Nd with N from 1 to 730; calendar_year in UTC."]),
            ("levels", ["type": "array", "items": OpenAPIDocument.ref("TierLevel"), "minItems": 2, "maxItems": 20]),
            ("downgrade", OpenAPIDocument.ref("TierDowngrade")),
        ], required: ["subject", "currency", "window", "levels"], closed: true)),
        ("TierLadder", object([
            ("id", string()), ("name", ["type": ["string", "null"]]), ("subject", string()), ("currency", string()),
            ("window", string()), ("levels", array(OpenAPIDocument.ref("TierLevel"))),
            ("downgrade", OpenAPIDocument.ref("TierDowngrade")), ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "subject", "currency", "window", "levels", "downgrade", "created_at", "updated_at"])),
        ("TierLadderPage", page("TierLadder")),
        ("TierStanding", object([
            ("ladder_id", string()), ("level", string()), ("since", ["type": ["string", "null"], "format": "date-time"]),
            ("qualifying_amount", integer()), ("currency", string()), ("window", string()),
            ("next", ["oneOf": [
                object([("level", string()), ("threshold", integer()), ("needed", integer())], required: ["level", "threshold", "needed"]),
                ["type": "null", "description": "At the top level."],
            ]]),
            ("benefits", OpenAPIDocument.ref("TierBenefits")),
        ], required: ["ladder_id", "level", "since", "qualifying_amount", "window", "next", "benefits"])),
        ("TierStandings", object([("tiers", array(OpenAPIDocument.ref("TierStanding")))], required: ["tiers"])),
        ("TierChange", object([
            ("ladder_id", string()), ("holder", string("member:<id> or organization:<id>")),
            ("from", ["type": ["string", "null"], "description": "Null when no level was stored (the first level)."]),
            ("to", string()),
        ], required: ["ladder_id", "from", "to"])),
    ]
}

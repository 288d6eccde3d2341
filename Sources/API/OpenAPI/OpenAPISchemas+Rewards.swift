import Engine

extension OpenAPISchemas {
    /// The reward catalog and redemptions.
    static let rewards: [(key: String, value: JSONValue)] = [
        ("RewardCost", object([
            ("currency", string("A redeemable currency.", maxLength: 128)),
            ("amount", ["type": "integer", "minimum": 1, "maximum": 1_000_000_000_000]),
        ], required: ["currency", "amount"], closed: true)),
        ("RewardAudience", object([
            ("roles", array(string(maxLength: 64))), ("organization_kinds", array(string(maxLength: 64))),
            ("segments", array(string("Segments of the member's organization.", maxLength: 64))),
        ], closed: true)),
        ("RewardMinTier", object([("ladder_id", string()), ("level_id", string())], required: ["ladder_id", "level_id"], closed: true)),
        ("RewardWrite", object([
            ("name", string(maxLength: 200)),
            ("kind", ["enum": .array(Reward.Kind.allCases.map { .string($0.rawValue) })]),
            ("description", string(maxLength: 2000)),
            ("cost", OpenAPIDocument.ref("RewardCost")),
            ("stock", ["type": "integer", "minimum": 0, "description": "How many are left; absent is unlimited. A PUT restocks."]),
            ("per_member_limit", ["type": "integer", "minimum": 1]),
            ("audience", OpenAPIDocument.ref("RewardAudience")),
            ("min_tier", ["allOf": [OpenAPIDocument.ref("RewardMinTier")],
                          "description": "A level of an existing member tier ladder (422 otherwise): members below it cannot redeem."]),
            ("active", object([("from", dateTime()), ("until", dateTime())], closed: true)),
        ], required: ["name", "kind", "cost"], closed: true)),
        ("Reward", object([
            ("id", string()), ("name", string()), ("kind", string()), ("description", ["type": ["string", "null"]]),
            ("cost", OpenAPIDocument.ref("RewardCost")), ("stock", ["type": ["integer", "null"]]),
            ("per_member_limit", ["type": ["integer", "null"]]), ("audience", OpenAPIDocument.ref("RewardAudience")),
            ("min_tier", ["oneOf": [OpenAPIDocument.ref("RewardMinTier"), ["type": "null"]]]),
            ("active", object([("from", ["type": ["string", "null"]]), ("until", ["type": ["string", "null"]])])),
            ("redeemable_now", ["type": "boolean", "description": "Only when listed with member_id."]),
            ("reasons", ["type": "array", "items": ["type": "string"], "description": "Why not, when redeemable_now is false."]),
            ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "name", "kind", "cost", "stock", "audience", "created_at", "updated_at"])),
        ("RewardPage", page("Reward")),
        ("RedemptionWrite", object([
            ("id", string(
                "Optional caller id; generated when absent. Makes the request idempotent like an event's id: the same id and body "
                    + "answer the stored redemption (200, Idempotent-Replayed: true); another body under it is 422 at $.id.",
                maxLength: 128)),
            ("member_id", string()), ("reward_id", string()),
        ], required: ["member_id", "reward_id"], closed: true)),
        ("RedemptionFulfill", object([("code", string(maxLength: 200))], closed: true)),
        ("Redemption", object([
            ("id", string()), ("member_id", string()), ("reward_id", string()), ("cost", OpenAPIDocument.ref("RewardCost")),
            ("status", ["enum": ["pending", "fulfilled", "cancelled"]]), ("code", ["type": ["string", "null"]]),
            ("created_at", dateTime()), ("fulfilled_at", ["type": ["string", "null"]]), ("cancelled_at", ["type": ["string", "null"]]),
        ], required: ["id", "member_id", "reward_id", "cost", "status", "created_at"])),
        ("RedemptionOutcome", object([
            ("redemption", OpenAPIDocument.ref("Redemption")), ("balance", OpenAPIDocument.ref("Balance")),
        ], required: ["redemption", "balance"])),
        ("RedemptionPage", page("Redemption")),
    ]
}

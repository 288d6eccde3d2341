import Engine

extension OpenAPISchemas {
    /// Tier ladders and a holder's standing on them.
    static let tiers: [(key: String, value: JSONValue)] = [
        ("TierBenefits", object([
            ("multiplier", ["type": "number", "minimum": 1, "maximum": 10,
                            "description": "Earning multiplier, at most 3 decimals; awards are multiplied and rounded down."]),
            ("list", array(string(maxLength: 200))),
        ], closed: true)),
        ("TierCriterion", ["oneOf": [
            object([("currency", string("An existing currency.")),
                    ("window", string("lifetime (default), calendar_year or rolling_Nd: what was earned in it.")),
                    ("min", integer())], required: ["currency", "min"], closed: true),
            object([("members_with_badge", string("An existing badge: how many of the organization's members hold it now. Organization ladders only.")),
                    ("min", ["type": "integer", "minimum": 0])], required: ["members_with_badge", "min"], closed: true),
            object([("attribute", string("A numeric attribute of the holder, rounded down; absent or not a number counts 0.")),
                    ("min", integer())], required: ["attribute", "min"], closed: true),
        ]]),
        ("TierLevel", object([
            ("id", string(maxLength: 128)),
            ("threshold", ["type": "integer", "minimum": 0, "maximum": 1_000_000_000_000,
                           "description": "The ladder's currency earned in its window. Strictly increasing among threshold levels; the first level's is 0."]),
            ("criteria", ["type": "array", "items": OpenAPIDocument.ref("TierCriterion"), "minItems": 1, "maxItems": 10,
                          "description": "Instead of threshold: requirements that must all hold (AND). Not on the first level. The highest level whose requirements all hold is reached."]),
            ("benefits", OpenAPIDocument.ref("TierBenefits")),
        ], required: ["id"], closed: true)),
        ("TierDowngrade", object([
            ("policy", ["enum": ["never", "at_review"], "description": "never: levels are only ever raised. at_review: reviewed by the scheduler (job tier.review:<ladder>)."]),
            ("grace_days", ["type": "integer", "minimum": 0, "maximum": 365,
                            "description": "A holder short of its level at a review keeps it until review + grace_days (at_risk_until), then moves down to the better of the levels it qualified for at the review and at that moment, unless its level changed meanwhile. 0: down at the review."]),
            ("review", ["enum": ["month", "quarter", "year"], "default": "year",
                        "description": "When reviews happen: at the start of each next calendar month, quarter or year (UTC), measuring the period that just ended."]),
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
                object([("level", string()), ("threshold", integer()), ("needed", integer()),
                        ("criteria", array(OpenAPIDocument.ref("TierCriterionProgress")))],
                       required: ["level", "threshold", "needed", "criteria"]),
                ["type": "null", "description": "At the top level."],
            ]]),
            ("keep", object([
                ("level", string()), ("policy", string()), ("met", ["type": "boolean", "description": "Whether the held level's requirements hold now."]),
                ("criteria", array(OpenAPIDocument.ref("TierCriterionProgress"))),
            ], required: ["level", "policy", "met", "criteria"])),
            ("next_review_at", ["type": ["string", "null"], "format": "date-time", "description": "Null for policy never."]),
            ("at_risk_until", ["type": ["string", "null"], "format": "date-time",
                               "description": "Set when the last review found the holder short: the level goes down then unless requalified."]),
            ("changes", array(object([("from", ["type": ["string", "null"]]), ("to", string()), ("since", dateTime()),
                                      ("reason", string("review"))]))),
            ("benefits", OpenAPIDocument.ref("TierBenefits")),
        ], required: ["ladder_id", "level", "since", "qualifying_amount", "window", "next", "keep", "next_review_at", "at_risk_until",
                      "changes", "benefits"])),
        ("TierCriterionProgress", ["description": "A criterion with the holder's value and what is missing.", "allOf": [
            object([("value", integer()), ("met", ["type": "boolean"]), ("needed", integer())], required: ["value", "met", "needed"]),
        ]]),
        ("TierStandings", object([("tiers", array(OpenAPIDocument.ref("TierStanding")))], required: ["tiers"])),
        ("TierChange", object([
            ("ladder_id", string()), ("holder", string("member:<id> or organization:<id>")),
            ("from", ["type": ["string", "null"], "description": "Null when no level was stored (the first level)."]),
            ("to", string()),
        ], required: ["ladder_id", "from", "to"])),
    ]
}

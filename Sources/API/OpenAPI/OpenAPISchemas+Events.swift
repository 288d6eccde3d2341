import Engine

extension OpenAPISchemas {
    /// Events, their outcomes, batches and dry runs.
    static let events: [(key: String, value: JSONValue)] = [
        ("EventWrite", object([
            ("id", string("Your unique id for the event: posting it again is harmless.", maxLength: 128)),
            ("type", string("deal.closed, video.watched, …", maxLength: 64)),
            ("member_id", string()), ("organization_id", string("Defaults to the member's organization.")),
            ("occurred_at", ["type": "string", "format": "date-time",
                             "description": "At most 5 minutes ahead and 30 days back; defaults to now."]),
            ("properties", ["type": "object", "maxProperties": 100,
                            "description": "Strings, booleans, null, numbers (integers within ±10^12) or arrays of those."]),
        ], required: ["id", "type"], closed: true)),
        ("Event", object([
            ("id", string()), ("type", string()), ("member_id", ["type": ["string", "null"]]),
            ("organization_id", ["type": ["string", "null"]]), ("occurred_at", dateTime()), ("received_at", dateTime()),
            ("properties", ["type": "object"]), ("reversed_at", ["type": ["string", "null"], "format": "date-time"]),
        ], required: ["id", "type", "occurred_at", "received_at", "properties"])),
        ("EventPage", page("Event")),
        ("EventOutcome", object([
            ("event", OpenAPIDocument.ref("Event")),
            ("postings", array(object([
                ("id", integer()), ("rule_id", string()), ("rule_version", integer()), ("currency", string()),
                ("amount", integer()), ("to", string("member:<id> or organization:<id>")), ("at", dateTime()),
                ("multiplier", ["type": "number", "description": "The holder's tier multiplier, when one applied."]),
                ("base_amount", ["type": "integer", "description": "The rule's amount, before the tier multiplier and boosts, when either applied."]),
                ("amount_before_boosts", ["type": "integer", "description": "Boosted postings: the amount after the tier multiplier."]),
                ("boost_bonus", ["type": "integer", "description": "Boosted postings: what the boosts added (included in amount)."]),
                ("boosts", array(OpenAPIDocument.ref("BoostBonus"))),
            ]))),
            ("balances", ["type": "object", "description": "New balances of everyone credited: holder → currency → balance.",
                          "additionalProperties": ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance")]]),
            ("badges", array(OpenAPIDocument.ref("EarnedBadge"))),
            ("tier_changes", array(OpenAPIDocument.ref("TierChange"))),
            ("boosts", OpenAPIDocument.ref("EventBoosts")),
            ("tags", array(OpenAPIDocument.ref("SegmentTag"))),
            ("notifications", array(OpenAPIDocument.ref("Notification"))),
            ("rules", array(object([
                ("rule_id", string()), ("rule_version", integer()), ("applied", ["type": "boolean"]),
                ("reason", string()), ("notes", array(string())),
            ]))),
            ("reversal", object([
                ("reversed_at", dateTime()), ("postings", array(OpenAPIDocument.ref("LedgerPosting"))),
                ("balances", ["type": "object", "additionalProperties": ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance")]]),
                ("revoked_badges", array(OpenAPIDocument.ref("MemberBadge"))),
                ("boosts", OpenAPIDocument.ref("BoostReversal")),
            ], required: ["reversed_at", "postings", "balances"])),
        ], required: ["event", "postings", "balances", "rules"])),
        ("EventBatch", object([
            ("events", ["type": "array", "items": OpenAPIDocument.ref("EventWrite"), "minItems": 1, "maxItems": 1000]),
        ], required: ["events"], closed: true)),
        ("EventBatchResult", object([
            ("results", array(object([
                ("index", integer()), ("id", ["type": ["string", "null"]]),
                ("status", ["type": "integer", "enum": [200, 201, 400, 403, 422],
                            "description": "What POST /v1/events would have answered for this event alone."]),
                ("outcome", OpenAPIDocument.ref("EventOutcome")),
                ("problem", ["allOf": [OpenAPIDocument.ref("Problem")], "description": "Error paths start with `$.events[i]`."]),
            ], required: ["index", "id", "status"]))),
        ], required: ["results"])),
        ("EventDryRun", ["allOf": [OpenAPIDocument.ref("EventWrite")], "type": "object",
                         "properties": ["include_other_types": ["type": "boolean", "default": false,
                                                                "description": "Also list rules on other event types, as not matching."]]]),
        ("ConditionTrace", object([
            ("path", string("Where the node is in the rule, e.g. `$.when.all[1]`.")),
            ("kind", ["enum": ["all", "any", "not", "leaf"]]), ("passed", ["type": "boolean"]),
            ("reason", string("E.g. `event.amount is 800, needs gte 1000`, `member.team is missing`.")),
            ("fact", string("Leaves: the fact read.")), ("seen", ["description": "Leaves: the value seen, null when missing."]),
            ("missing", ["type": "boolean"]), ("children", array(OpenAPIDocument.ref("ConditionTrace"))),
        ], required: ["path", "kind", "passed", "reason", "children"])),
        ("PlannedAward", object([
            ("rule_id", string()), ("rule_version", integer()), ("effect_index", integer()), ("currency", string()),
            ("amount", integer()), ("to", string("member:<id> or organization:<id>")),
        ], required: ["rule_id", "rule_version", "currency", "amount", "to"])),
        ("DryRunResult", object([
            ("event", OpenAPIDocument.ref("Event")),
            ("already_recorded", ["type": "boolean", "description": "Posting it again would replay the stored outcome and award nothing."]),
            ("counters", string("How counters were read: they include the event being tried.")),
            ("would_award", array(OpenAPIDocument.ref("PlannedAward"))), ("would_badge", array(OpenAPIDocument.ref("EarnedBadge"))),
            ("would_boost", OpenAPIDocument.ref("DryRunBoosts")),
            ("notes", array(string())),
            ("rules", array(object([
                ("rule_id", string()), ("rule_version", integer()), ("on", string()), ("applies", ["type": "boolean"]),
                ("type_matches", ["type": "boolean"]), ("in_active_window", ["type": "boolean"]), ("reason", string()),
                ("notes", array(string("Limits, recipients, amounts that were not positive or could not be computed."))),
                ("conditions", ["oneOf": [OpenAPIDocument.ref("ConditionTrace"), ["type": "null"]]]),
                ("awards", array(object([
                    ("effect_index", integer()), ("currency", string()), ("to", string("member, organization, parent, split M/O")),
                    ("amount", integer()), ("error", string("Why the amount could not be computed.")),
                ], required: ["effect_index", "currency", "to"]))),
                ("would_award", array(OpenAPIDocument.ref("PlannedAward"))),
            ], required: ["rule_id", "rule_version", "applies", "reason", "notes", "conditions", "awards"]))),
        ], required: ["event", "would_award", "rules"])),
        ("EventReversal", object([
            ("event", OpenAPIDocument.ref("Event")), ("reversal_postings", array(OpenAPIDocument.ref("LedgerPosting"))),
            ("balances", ["type": "object", "description": "New balances of every holder the reversal touched: holder → currency → balance.",
                          "additionalProperties": ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance")]]),
            ("revoked_badges", array(OpenAPIDocument.ref("MemberBadge"))),
            ("boosts", OpenAPIDocument.ref("BoostReversal")),
        ], required: ["event", "reversal_postings", "balances"])),
    ]
}

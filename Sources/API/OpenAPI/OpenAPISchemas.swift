import Engine

/// JSON Schemas (2020-12, as OpenAPI 3.1 uses) of every body the API reads or writes.
enum OpenAPISchemas {
    static let all = JSONObject([
        ("Problem", object([
            ("type", string()), ("title", string()), ("status", integer()), ("detail", string()),
            ("errors", array(object([("path", string("Where: `$.field[0]`, `query.name`, `path.id`.")), ("message", string())]))),
        ], required: ["type", "title", "status", "detail"])),
        ("Health", object([("status", ["const": "ok"])], required: ["status"])),
        ("Readiness", object([("status", ["enum": ["ready", "not_ready"]]), ("checks", ["type": "object", "additionalProperties": ["type": "string"]])])),
        ("Status", ["type": "string", "enum": ["active", "suspended", "archived"]]),
        ("Attributes", ["type": "object", "description": "Free JSON object, at most 100 keys.", "maxProperties": 100]),
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
        ], required: ["balances", "badges"])]]),
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
        ("CurrencyExpiry", ["oneOf": [
            ["type": "null", "description": "Never expires."],
            ["const": "never"],
            object([("after_days", ["type": "integer", "minimum": 1, "maximum": 36_500])], required: ["after_days"], closed: true),
            object([
                ("end_of", ["enum": ["month", "quarter", "year"]]),
                ("periods_after", ["type": "integer", "minimum": 0, "maximum": 120, "default": 0,
                                   "description": "0: the end of the period the lot was earned in; 1: of the next one."]),
            ], required: ["end_of"], closed: true),
        ]]),
        ("CurrencyWrite", object([
            ("name", string(maxLength: 200)), ("redeemable", ["type": "boolean", "default": true]),
            ("expiry", OpenAPIDocument.ref("CurrencyExpiry")),
            ("pending_days", ["type": "integer", "minimum": 0, "maximum": 365, "default": 0]),
        ], required: ["name"], closed: true)),
        ("Currency", object([
            ("id", string()), ("name", string()), ("redeemable", ["type": "boolean"]), ("expiry", OpenAPIDocument.ref("CurrencyExpiry")),
            ("pending_days", integer()), ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "name", "redeemable", "expiry", "pending_days", "created_at", "updated_at"])),
        ("CurrencyPage", page("Currency")),
        ("BadgeCriterion", object([
            ("event_type", string(maxLength: 64)), ("count", ["type": "integer", "minimum": 1, "maximum": 10_000]),
            ("period", ["enum": .array(CounterPeriod.allCases.map { .string($0.rawValue) }), "default": "all"]),
        ], required: ["event_type", "count"], closed: true)),
        ("BadgeWrite", object([
            ("name", string(maxLength: 200)), ("description", string(maxLength: 2000)),
            ("repeatable", ["type": "boolean", "default": false]),
            ("valid_until", dateTime()), ("criterion", OpenAPIDocument.ref("BadgeCriterion")),
        ], required: ["name"], closed: true)),
        ("Badge", object([
            ("id", string()), ("name", string()), ("description", ["type": ["string", "null"]]), ("repeatable", ["type": "boolean"]),
            ("valid_until", ["type": ["string", "null"], "format": "date-time"]),
            ("criterion", ["oneOf": [OpenAPIDocument.ref("BadgeCriterion"), ["type": "null"]]]),
            ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "name", "repeatable", "created_at", "updated_at"])),
        ("BadgePage", page("Badge")),
        ("EarnedBadge", object([
            ("badge_id", string()), ("name", string()), ("earned_at", dateTime()),
            ("by", string("The rule id whose effect awarded it, or \"criterion\".")),
        ], required: ["badge_id", "name", "earned_at", "by"])),
        ("MemberBadge", object([
            ("badge_id", string()), ("name", ["type": ["string", "null"], "description": "Null when the badge was deleted since."]),
            ("earned_at", dateTime()), ("event_id", string()),
            ("by", string("The rule id whose effect awarded it, or \"criterion\".")), ("rule_version", ["type": ["integer", "null"]]),
            ("revoked_at", ["type": ["string", "null"], "format": "date-time"]),
        ], required: ["badge_id", "name", "earned_at", "event_id", "by", "revoked_at"])),
        ("MemberBadges", object([("badges", array(OpenAPIDocument.ref("MemberBadge")))], required: ["badges"])),
        ("Condition", ["oneOf": [
            object([("all", array(OpenAPIDocument.ref("Condition")))], required: ["all"], closed: true),
            object([("any", array(OpenAPIDocument.ref("Condition")))], required: ["any"], closed: true),
            object([("not", OpenAPIDocument.ref("Condition"))], required: ["not"], closed: true),
            object([
                ("fact", string("event.amount, event.type, event.weekday, event.hour, member.role, member.attributes.x, "
                    + "organization.tier, member.count.deal.closed.month, member.sum.sale.amount.week, member.streak.quiz.passed.day, …")),
                ("op", ["enum": ["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "contains", "exists", "between"]]),
                ("value", [:]),
            ], required: ["fact", "op", "value"], closed: true),
        ], "description": "At most 16 levels deep and 200 leaves."]),
        ("Amount", ["oneOf": [
            ["type": "integer", "minimum": -1_000_000_000_000, "maximum": 1_000_000_000_000],
            ["type": "string", "maxLength": 512,
             "description": "An expression over facts: + - * /, parentheses, min, max, floor, round; exact arithmetic, rounded down."],
        ]]),
        ("Effect", ["oneOf": [
            object([("award", object([
                ("currency", string()), ("amount", OpenAPIDocument.ref("Amount")),
                ("to", ["oneOf": [["enum": ["member", "organization", "parent"]],
                                  object([("split", object([("member", integer()), ("organization", integer())]))], required: ["split"])]]),
            ], required: ["currency", "amount"]))], required: ["award"], closed: true),
            object([("badge", string())], required: ["badge"], closed: true),
            object([("boost", object([("percent", integer()), ("on", string()), ("uses", integer()), ("expires_in_days", integer())],
                                     required: ["percent", "on", "uses", "expires_in_days"]))], required: ["boost"], closed: true),
            object([("notify", object([("template", string())], required: ["template"]))], required: ["notify"], closed: true),
            object([("tag", object([("segment", string()), ("to", ["enum": ["member", "organization"]])], required: ["segment"]))],
                   required: ["tag"], closed: true),
        ]]),
        ("RuleLimit", object([
            ("per", ["enum": ["member", "organization", "program"]]),
            ("period", ["enum": ["day", "week", "month", "quarter", "year", "all"], "default": "all"]),
            ("max_count", integer()), ("max_amount", integer()), ("currency", string("Required with max_amount.")),
        ], required: ["per"], closed: true)),
        ("RuleWrite", object([
            ("name", string(maxLength: 200)), ("description", string()), ("on", string("The event type it reacts to.")),
            ("when", OpenAPIDocument.ref("Condition")), ("then", array(OpenAPIDocument.ref("Effect"))),
            ("limits", array(OpenAPIDocument.ref("RuleLimit"))),
            ("active", object([("from", dateTime()), ("until", dateTime())], closed: true)),
            ("priority", ["type": "integer", "default": 0]),
        ], required: ["name", "on", "then"], closed: true)),
        ("Rule", ["allOf": [OpenAPIDocument.ref("RuleWrite"), object([
            ("id", string()), ("version", integer()), ("saved_at", dateTime()), ("saved_by", ["type": ["string", "null"]]),
        ], required: ["id", "version", "saved_at"])]]),
        ("RulePage", page("Rule")),
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
        ("Balance", object([
            ("available", integer()), ("pending", integer()), ("expiring_soon", integer()), ("lapsed", integer()),
            ("debt", integer()),
        ], required: ["available", "pending", "expiring_soon"])),
        ("Balances", object([("balances", ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance"),
                                           "description": "By currency id."])], required: ["balances"])),
        ("EventOutcome", object([
            ("event", OpenAPIDocument.ref("Event")),
            ("postings", array(object([
                ("id", integer()), ("rule_id", string()), ("rule_version", integer()), ("currency", string()),
                ("amount", integer()), ("to", string("member:<id> or organization:<id>")), ("at", dateTime()),
            ]))),
            ("balances", ["type": "object", "description": "New balances of everyone credited: holder → currency → balance.",
                          "additionalProperties": ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance")]]),
            ("badges", array(OpenAPIDocument.ref("EarnedBadge"))),
            ("rules", array(object([
                ("rule_id", string()), ("rule_version", integer()), ("applied", ["type": "boolean"]),
                ("reason", string()), ("notes", array(string())),
            ]))),
            ("reversal", object([
                ("reversed_at", dateTime()), ("postings", array(OpenAPIDocument.ref("LedgerPosting"))),
                ("balances", ["type": "object", "additionalProperties": ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance")]]),
                ("revoked_badges", array(OpenAPIDocument.ref("MemberBadge"))),
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
        ("LedgerPosting", object([
            ("id", integer()), ("at", dateTime()), ("currency", string()), ("kind", string("earn, spend, reverse, adjust, recover, …")),
            ("amount", integer()), ("from", string("The debited account, e.g. program:issued, member:<id>, clawback:member:<id>.")),
            ("to", string("The credited account.")), ("event_id", ["type": ["string", "null"]]), ("rule_id", ["type": ["string", "null"]]),
            ("rule_version", ["type": ["integer", "null"]]), ("reason", ["type": ["string", "null"]]),
            ("reversal_of", ["type": ["integer", "null"], "description": "The posting this one reverses."]),
        ], required: ["id", "at", "currency", "kind", "amount", "from", "to"])),
        ("LedgerEntry", object([
            ("id", integer()), ("at", dateTime()), ("currency", string()), ("kind", string()),
            ("amount", ["type": "integer", "description": "Signed as the holder sees it: + credited to it, − debited from it."]),
            ("counterparty", string("The other account of the posting.")), ("event_id", ["type": ["string", "null"]]),
            ("rule_id", ["type": ["string", "null"]]), ("rule_version", ["type": ["integer", "null"]]),
            ("reason", ["type": ["string", "null"]]), ("reversal_of", ["type": ["integer", "null"]]),
        ], required: ["id", "at", "currency", "kind", "amount", "counterparty"])),
        ("LedgerEntryPage", page("LedgerEntry")),
        ("EventReversal", object([
            ("event", OpenAPIDocument.ref("Event")), ("reversal_postings", array(OpenAPIDocument.ref("LedgerPosting"))),
            ("balances", ["type": "object", "description": "New balances of every holder the reversal touched: holder → currency → balance.",
                          "additionalProperties": ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance")]]),
            ("revoked_badges", array(OpenAPIDocument.ref("MemberBadge"))),
        ], required: ["event", "reversal_postings", "balances"])),
        ("AdjustmentWrite", object([
            ("member_id", string("Exactly one of member_id and organization_id.")), ("organization_id", string()),
            ("currency", string()),
            ("amount", ["type": "integer", "minimum": -1_000_000_000_000, "maximum": 1_000_000_000_000, "not": ["const": 0],
                        "description": "Positive credits a new lot, available at once; negative debits available points."]),
            ("reason", string(maxLength: 500)),
        ], required: ["currency", "amount", "reason"], closed: true)),
        ("Adjustment", object([("posting", OpenAPIDocument.ref("LedgerEntry")), ("balance", OpenAPIDocument.ref("Balance"))],
                              required: ["posting", "balance"])),
        ("Holder", ["oneOf": [
            object([("member_id", string())], required: ["member_id"], closed: true),
            object([("organization_id", string())], required: ["organization_id"], closed: true),
        ]]),
        ("TransferWrite", object([
            ("from", OpenAPIDocument.ref("Holder")), ("to", OpenAPIDocument.ref("Holder")), ("currency", string("A redeemable currency.")),
            ("amount", ["type": "integer", "minimum": 1, "maximum": 1_000_000_000_000]), ("reason", string(maxLength: 500)),
        ], required: ["from", "to", "currency", "amount"], closed: true)),
        ("Transfer", object([
            ("posting", OpenAPIDocument.ref("LedgerEntry")),
            ("balances", ["type": "object", "description": "Both holders' new balances: holder → currency → balance.",
                          "additionalProperties": ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance")]]),
        ], required: ["posting", "balances"])),
        ("AuditEntry", object([
            ("sequence", integer()), ("at", dateTime()), ("key_id", ["type": ["string", "null"]]), ("action", string()),
            ("entity_kind", string()), ("entity_id", string()), ("before", [:]), ("after", [:]), ("request_id", ["type": ["string", "null"]]),
        ], required: ["sequence", "at", "action", "entity_kind", "entity_id"])),
        ("AuditPage", page("AuditEntry")),
    ])

    static func object(_ properties: [(String, JSONValue)], required: [String] = [], closed: Bool = false) -> JSONValue {
        var schema = JSONObject([("type", "object"), ("properties", .object(JSONObject(properties.map { (key: $0.0, value: $0.1) })))])
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        if closed { schema["additionalProperties"] = false }
        return .object(schema)
    }

    static func string(_ description: String? = nil, maxLength: Int? = nil) -> JSONValue {
        var schema = JSONObject([("type", "string")])
        if let description { schema["description"] = .string(description) }
        if let maxLength { schema["maxLength"] = .int(Int64(maxLength)) }
        return .object(schema)
    }

    static func integer() -> JSONValue { ["type": "integer"] }
    static func dateTime() -> JSONValue { ["type": "string", "format": "date-time"] }
    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    static func page(_ item: String) -> JSONValue {
        object([("items", array(OpenAPIDocument.ref(item))), ("next_cursor", ["type": ["string", "null"]])], required: ["items", "next_cursor"])
    }
}

import Engine

extension OpenAPISchemas {
    /// Program configuration: currencies, badges and rules.
    static let program: [(key: String, value: JSONValue)] = [
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
        ("BadgeRevocation", object([
            ("reason", string("Why, kept in the audit log; 1 to 500 characters.")),
            ("event_id", string("Only the instance this event earned (repeatable badges); every held instance when absent.")),
        ], required: ["reason"], closed: true)),
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
            object([("boost", object([("percent", integer()), ("on", string()), ("uses", integer()), ("expires_in_days", integer()),
                                                ("currency", string("Only awards in this currency get the bonus."))],
                                     required: ["percent", "on", "uses", "expires_in_days"]))], required: ["boost"], closed: true),
            object([("notify", object([("template", string())], required: ["template"]))], required: ["notify"], closed: true),
            object([("tag", object([("segment", string()), ("to", ["enum": ["member", "organization"]])], required: ["segment"]))],
                   required: ["tag"], closed: true),
            object([("quest", object([("id", string("The quest.")), ("step", string("The step the event counts for."))],
                                     required: ["id", "step"], closed: true))], required: ["quest"], closed: true),
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
    ]
}

import Engine

extension OpenAPISchemas {
    private static let partitionFields: JSONValue = .array(LeaderboardPartition.allCases.map { .string($0.rawValue) })
    private static let score: JSONValue = ["type": "number", "description": "An integer; a decimal with two places for averages and % of target."]

    /// Engagement: leaderboards, the feed, notifications.
    static let engagement: [(key: String, value: JSONValue)] = [
        ("LeaderboardMetric", object([
            ("currency", string("Rank by what subjects earned in this currency (awards and credit adjustments, less reversals).")),
            ("event_type", string("Rank by events of this type: their count, or with sum the sum of a property.", maxLength: 64)),
            ("sum", string("The numeric event property to sum.")),
            ("aggregate", ["enum": ["sum", "average"], "default": "sum",
                           "description": "average (team and organization boards): the total per current member."]),
            ("target_attribute", string("Member boards: rank by the total as % of this numeric member attribute.")),
        ], closed: true)),
        ("LeaderboardPrize", object([
            ("top", ["type": "integer", "minimum": 1, "maximum": 100, "description": "Subjects ranked this or better (ties included)."]),
            ("badge", string("A badge for each such member (member boards).")),
            ("award", object([("currency", string()), ("amount", ["type": "integer", "minimum": 1])], required: ["currency", "amount"], closed: true)),
        ], required: ["top"], closed: true)),
        ("LeaderboardWrite", object([
            ("name", string(maxLength: 200)), ("description", string(maxLength: 2000)),
            ("subject", ["enum": .array(Leaderboard.Subject.allCases.map { .string($0.rawValue) })]),
            ("metric", OpenAPIDocument.ref("LeaderboardMetric")),
            ("period", ["enum": .array(CounterPeriod.allCases.map { .string($0.rawValue) }),
                        "description": "Calendar periods and rolling windows in the program time zone; week is ISO (Monday)."]),
            ("partition_by", ["enum": partitionFields, "description": "Subjects compete within their partition only."]),
            ("filters", ["type": "object", "additionalProperties": array(["type": "string"]),
                         "description": "Field (as for partition_by) to the values a subject must have one of."]),
            ("on_close", ["type": "array", "maxItems": 10, "items": OpenAPIDocument.ref("LeaderboardPrize"),
                          "description": "Prizes for the top of each partition when a calendar period ends, given exactly once."]),
        ], required: ["name", "subject", "metric", "period"], closed: true)),
        ("Leaderboard", object([
            ("id", string()), ("name", string()), ("description", ["type": ["string", "null"]]), ("subject", string()),
            ("metric", OpenAPIDocument.ref("LeaderboardMetric")), ("period", string()),
            ("partition_by", ["type": ["string", "null"]]), ("filters", ["type": "object"]),
            ("on_close", array(OpenAPIDocument.ref("LeaderboardPrize"))), ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "name", "subject", "metric", "period", "partition_by", "filters", "created_at", "updated_at"])),
        ("LeaderboardPage", page("Leaderboard")),
        ("LeaderboardPeriod", object([
            ("name", string("e.g. 2026-W47; current for a rolling window; all.")),
            ("from", ["type": ["string", "null"], "format": "date-time"]), ("until", ["type": ["string", "null"], "format": "date-time"]),
        ], required: ["name", "from", "until"])),
        ("LeaderboardSubject", object([
            ("id", string()), ("name", ["type": ["string", "null"]]), ("organization_id", string()), ("team", ["type": ["string", "null"]]),
            ("kind", string()), ("anonymous", ["type": "boolean", "description": "A member with a private profile, seen from outside."]),
        ])),
        ("LeaderboardEntry", object([
            ("rank", integer()), ("score", score), ("subject", OpenAPIDocument.ref("LeaderboardSubject")), ("reached_at", dateTime()),
        ], required: ["rank", "score", "subject", "reached_at"])),
        ("LeaderboardStandings", object([
            ("leaderboard", OpenAPIDocument.ref("Leaderboard")), ("period", OpenAPIDocument.ref("LeaderboardPeriod")),
            ("partition", ["type": ["string", "null"]]),
            ("partitions", array(["type": "string"])), ("total", ["type": "integer", "description": "Subjects ranked in this partition."]),
            ("items", array(OpenAPIDocument.ref("LeaderboardEntry"))), ("next_cursor", ["type": ["string", "null"]]),
        ], required: ["leaderboard", "period", "partition", "partitions", "total", "items", "next_cursor"])),
        ("LeaderboardSubjectStanding", object([
            ("leaderboard", OpenAPIDocument.ref("Leaderboard")), ("period", OpenAPIDocument.ref("LeaderboardPeriod")),
            ("partition", ["type": ["string", "null"]]), ("total", integer()),
            ("subject", OpenAPIDocument.ref("LeaderboardSubject")),
            ("ranked", ["type": "boolean", "description": "False when the subject has nothing counted in the period or is filtered out."]),
            ("rank", ["type": ["integer", "null"]]),
            ("score", ["type": ["number", "null"]]),
            ("gap_to_next_rank", ["type": ["number", "null"], "description": "What it takes to move up one rank; null at rank 1."]),
            ("above", array(OpenAPIDocument.ref("LeaderboardEntry"))), ("below", array(OpenAPIDocument.ref("LeaderboardEntry"))),
        ], required: ["leaderboard", "period", "subject", "rank", "score", "gap_to_next_rank", "above", "below"])),
        ("LeaderboardPeriods", object([
            ("leaderboard_id", string()),
            ("items", array(object([
                ("period", OpenAPIDocument.ref("LeaderboardPeriod")),
                ("prizes_given_at", ["type": ["string", "null"], "format": "date-time",
                                     "description": "When the period was closed and its prizes given; null for a board without prizes."]),
                ("partitions", array(object([
                    ("partition", ["type": ["string", "null"]]), ("total", integer()),
                    ("winners", array(OpenAPIDocument.ref("LeaderboardEntry"))),
                ]))),
            ]))),
        ], required: ["leaderboard_id", "items"])),
        ("FeedItem", object([
            ("id", string()), ("kind", ["enum": ["badge_earned", "tier_reached", "period_winner", "goal_level_reached"]]), ("at", dateTime()),
            ("member", ["oneOf": [OpenAPIDocument.ref("LeaderboardSubject"), ["type": "null"]]]),
            ("organization", ["type": ["object", "null"]]),
            ("badge", object([("id", string()), ("name", ["type": ["string", "null"]])])),
            ("tier", object([("ladder_id", string()), ("level_id", string())])),
            ("goal", object([("id", string()), ("name", ["type": ["string", "null"]]), ("period", string()), ("level_id", string())])),
            ("leaderboard", object([("id", string()), ("name", ["type": ["string", "null"]]), ("period", string()), ("rank", integer()),
                                    ("partition", ["type": ["string", "null"]])])),
        ], required: ["id", "kind", "at", "member", "organization"])),
        ("FeedPage", page("FeedItem")),
        ("NotificationPage", page("Notification")),
        ("NotificationsRead", object([("ids", ["type": "array", "maxItems": 500, "items": ["type": "integer", "minimum": 1]])], closed: true)),
        ("NotificationsMarked", object([("marked", integer())], required: ["marked"])),
        ("GoalWrite", object([
            ("name", string(maxLength: 200)), ("description", string(maxLength: 2000)),
            ("subject", ["enum": ["member", "organization"]]), ("metric", OpenAPIDocument.ref("LeaderboardMetric")),
            ("period", ["enum": ["day", "week", "month", "quarter", "year"]]),
            ("target_attribute", string("A numeric attribute of the subject: its own target; levels then give percent instead of target.")),
            ("levels", ["type": "array", "minItems": 1, "maxItems": 10, "items": object([
                ("id", string()), ("target", ["type": "integer", "minimum": 1]), ("percent", ["type": "integer", "minimum": 1]),
                ("badge", string()), ("award", object([("currency", string()), ("amount", ["type": "integer", "minimum": 1])], required: ["currency", "amount"])),
            ], required: ["id"])]),
        ], required: ["name", "subject", "metric", "period", "levels"], closed: true)),
        ("Goal", object([
            ("id", string()), ("name", string()), ("subject", string()), ("metric", OpenAPIDocument.ref("LeaderboardMetric")),
            ("period", string()), ("target_attribute", ["type": ["string", "null"]]), ("levels", array(["type": "object"])),
            ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "name", "subject", "metric", "period", "levels", "created_at", "updated_at"])),
        ("GoalPage", page("Goal")),
        ("GoalProgress", object([("goals", array(object([
            ("goal_id", string()), ("name", string()), ("period", OpenAPIDocument.ref("LeaderboardPeriod")), ("total", integer()),
            ("target_set", ["type": "boolean", "description": "False when the goal uses a target attribute the subject lacks."]),
            ("levels", array(object([("id", string()), ("target", ["type": ["integer", "null"]]), ("reached", ["type": "boolean"]),
                                     ("reached_at", ["type": ["string", "null"], "format": "date-time"])]))),
            ("next_level", ["type": ["object", "null"]]),
            ("past", array(object([("period", string()), ("total", integer()), ("levels_reached", array(string()))]))),
        ])))], required: ["goals"])),
        ("MessageTemplateWrite", object([
            ("title", string("With {{placeholders}} the trigger offers (see placeholders in the answer).", maxLength: 200)),
            ("body", string(maxLength: 2000)), ("tips", ["type": "array", "maxItems": 50, "items": ["type": "string"]]),
        ], required: ["title", "body"], closed: true)),
        ("MessageTemplate", object([
            ("trigger", ["enum": .array(MessageTemplate.Trigger.allCases.map { .string($0.rawValue) })]), ("title", string()), ("body", string()),
            ("tips", array(string())), ("placeholders", array(string())), ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["trigger", "title", "body", "tips", "placeholders", "created_at", "updated_at"])),
        ("MessageTemplatePage", page("MessageTemplate")),
        ("LeaderboardRebuild", object([("boards", integer()), ("subjects", integer())], required: ["boards", "subjects"])),
    ]
}

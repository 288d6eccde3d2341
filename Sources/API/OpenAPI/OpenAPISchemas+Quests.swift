import Engine

extension OpenAPISchemas {
    /// Quests: definitions, enrollments, and where a member stands.
    static let quests: [(key: String, value: JSONValue)] = [
        ("QuestStep", object([
            ("id", string()), ("name", string(maxLength: 200)),
            ("match", object([("type", string("The event type that counts.", maxLength: 64)),
                              ("when", OpenAPIDocument.ref("Condition"))], required: ["type"], closed: true)),
            ("count", ["type": "integer", "minimum": 1, "maximum": 10_000, "default": 1, "description": "Matching events the step needs."]),
            ("reward", array(OpenAPIDocument.ref("Effect"))),
        ], required: ["id", "match"], closed: true)),
        ("QuestWrite", object([
            ("name", string(maxLength: 200)), ("description", string(maxLength: 2000)),
            ("ordered", ["type": "boolean", "default": false, "description": "Steps count only in order."]),
            ("enrollment", ["enum": ["automatic", "explicit"], "default": "automatic",
                            "description": "automatic: the first matching event joins; explicit: POST /v1/quests/{id}/enrollments first."]),
            ("steps", ["type": "array", "minItems": 1, "maxItems": 20, "items": OpenAPIDocument.ref("QuestStep")]),
            ("completion", ["type": "array", "maxItems": 20, "items": OpenAPIDocument.ref("Effect"),
                            "description": "award (to member or organization), badge and boost effects, given once when every step is done."]),
            ("audience", object([("roles", array(string())), ("tiers", array(string())), ("segments", array(string())),
                                 ("organization_kinds", array(string()))], closed: true)),
            ("starts_at", dateTime()), ("ends_at", dateTime()),
            ("deadline_days", ["type": "integer", "minimum": 1, "maximum": 3650, "description": "Each member's deadline, after joining."]),
        ], required: ["name", "steps"], closed: true)),
        ("Quest", object([
            ("id", string()), ("name", string()), ("ordered", ["type": "boolean"]), ("enrollment", string()),
            ("steps", array(["type": "object"])), ("completion", array(["type": "object"])), ("audience", ["type": "object"]),
            ("starts_at", ["type": ["string", "null"]]), ("ends_at", ["type": ["string", "null"]]),
            ("deadline_days", ["type": ["integer", "null"]]), ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "name", "ordered", "enrollment", "steps", "completion", "audience", "created_at", "updated_at"])),
        ("QuestPage", page("Quest")),
        ("QuestEnrollmentWrite", object([("member_id", string())], required: ["member_id"], closed: true)),
        ("MemberQuest", object([
            ("quest", object([("id", string()), ("name", string()), ("ordered", ["type": "boolean"]), ("enrollment", string())])),
            ("status", ["enum": ["available", "enrollable", "active", "completed", "expired"]]),
            ("enrolled_at", ["type": ["string", "null"]]), ("deadline", ["type": ["string", "null"]]),
            ("completed_at", ["type": ["string", "null"]]), ("steps_done", integer()), ("steps_total", integer()), ("percent", integer()),
            ("steps", array(object([("id", string()), ("count", integer()), ("target", integer()), ("remaining", integer()),
                                    ("done", ["type": "boolean"])]))),
            ("next_step", ["type": ["object", "null"]]),
        ], required: ["quest", "status", "steps", "next_step"])),
        ("MemberQuestPage", page("MemberQuest")),
        ("QuestEnrollment", object([
            ("member_id", string()), ("status", ["enum": ["active", "completed", "expired"]]), ("enrolled_at", dateTime()),
            ("deadline", ["type": ["string", "null"]]), ("completed_at", ["type": ["string", "null"]]), ("steps_done", integer()),
            ("steps_total", integer()), ("percent", integer()), ("steps", array(["type": "object"])), ("next_step", ["type": ["object", "null"]]),
        ], required: ["member_id", "status", "enrolled_at", "steps", "next_step"])),
        ("QuestEnrollmentPage", page("QuestEnrollment")),
        ("QuestLift", object([
            ("quest_id", string()), ("event_type", string()), ("property", ["type": ["string", "null"]]), ("days", integer()),
            ("completers", object([("members", integer()), ("mean_before", ["type": ["number", "null"]]), ("mean_after", ["type": ["number", "null"]])])),
            ("non_completers", object([("members", integer()), ("mean_after_joining", ["type": ["number", "null"]])])),
            ("lift_percent", ["type": ["number", "null"], "description": "Completers' mean after against non-completers', in percent."]),
            ("completers_change_percent", ["type": ["number", "null"], "description": "Completers' mean after against their own before."]),
        ], required: ["quest_id", "event_type", "days", "completers", "non_completers", "lift_percent"])),
    ]
}

import Engine

extension OpenAPISchemas {
    /// Supplier scorecards: templates so far.
    static let scorecards: [(key: String, value: JSONValue)] = [
        ("ScorecardKPI", object([
            ("id", string()), ("kind", ["enum": .array(ScorecardTemplate.KPI.Kind.allCases.map { .string($0.rawValue) })]),
            ("weight", ["type": "integer", "minimum": 1, "maximum": 1000]),
            ("target", ["type": "integer", "minimum": 0, "description": "The value that scores 100: % for on_time, rating and rate; hours for duration."]),
            ("floor", ["type": "integer", "minimum": 0,
                       "description": "The value that scores 0 (required for duration; default 0, or 100 for rate). Above the target: lower is better."]),
            ("dimension", string("rating: the dimension rated.")), ("flag", string("rate: the flag counted.")),
            ("lateness", array(object([("hours_late", ["type": "integer", "minimum": 1]), ("score", ["type": "integer", "minimum": 0, "maximum": 100])],
                                      required: ["hours_late", "score"], closed: true))),
        ], required: ["id", "kind", "weight", "target"], closed: true)),
        ("ScorecardBand", object([
            ("id", string()), ("min", ["type": "integer", "minimum": 0, "maximum": 100]),
            ("recommendation", ["enum": .array(ScorecardTemplate.Band.Recommendation.allCases.map { .string($0.rawValue) })]),
        ], required: ["id", "min", "recommendation"], closed: true)),
        ("ScorecardTemplateWrite", object([
            ("name", string(maxLength: 200)), ("description", string(maxLength: 2000)),
            ("kpis", ["type": "array", "minItems": 1, "maxItems": 20, "items": OpenAPIDocument.ref("ScorecardKPI")]),
            ("window_days", ["type": "integer", "minimum": 1, "maximum": 3650]),
            ("half_life_days", ["type": "integer", "minimum": 1, "maximum": 3650]),
            ("prior", object([("mean", ["type": "integer", "minimum": 0, "maximum": 100]), ("weight", ["type": "integer", "minimum": 0])],
                             required: ["mean", "weight"], closed: true)),
            ("min_interactions", ["type": "integer", "minimum": 0, "default": 5]),
            ("bands", ["type": "array", "minItems": 1, "maxItems": 10, "items": OpenAPIDocument.ref("ScorecardBand"),
                       "description": "Highest min first; the last starts at 0."]),
        ], required: ["name", "kpis", "window_days", "bands"], closed: true)),
        ("ScorecardTemplate", object([
            ("id", string()), ("name", string()), ("kpis", array(OpenAPIDocument.ref("ScorecardKPI"))), ("window_days", integer()),
            ("half_life_days", ["type": ["integer", "null"]]), ("prior", ["type": ["object", "null"]]), ("min_interactions", integer()),
            ("bands", array(OpenAPIDocument.ref("ScorecardBand"))), ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "name", "kpis", "window_days", "min_interactions", "bands", "created_at", "updated_at"])),
        ("ScorecardTemplatePage", page("ScorecardTemplate")),
    ]
}

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
        ("InteractionWrite", object([
            ("id", string("The caller's unique id: the idempotency key.")), ("supplier_id", string("The supplier organization.")),
            ("template_id", string()), ("reference", string("The matter, order or ticket.", maxLength: 200)),
            ("due_at", dateTime()), ("started_at", dateTime()), ("completed_at", dateTime()),
            ("ratings", ["type": "object", "maxProperties": 20, "additionalProperties": ["type": "integer", "minimum": 1, "maximum": 5],
                         "description": "Dimension → 1 to 5."]),
            ("flags", array(string())), ("comment", string(maxLength: 2000)), ("rated_by", string("The buyer's member who rated it.")),
            ("tip", object([("amount", ["type": "integer", "minimum": 1]), ("currency", string())], required: ["amount", "currency"],
                           closed: true)),
        ], required: ["id", "supplier_id", "template_id"], closed: true)),
        ("Interaction", object([
            ("id", string()), ("supplier_id", string()), ("template_id", string()), ("reference", ["type": ["string", "null"]]),
            ("due_at", ["type": ["string", "null"]]), ("started_at", ["type": ["string", "null"]]), ("completed_at", dateTime()),
            ("ratings", ["type": "object"]), ("flags", array(string())), ("comment", ["type": ["string", "null"]]),
            ("rated_by", ["type": ["string", "null"]]), ("tip", ["type": ["object", "null"]]), ("recorded_at", dateTime()),
        ], required: ["id", "supplier_id", "template_id", "completed_at", "ratings", "flags", "recorded_at"])),
        ("InteractionPage", page("Interaction")),
        ("Scorecard", object([
            ("supplier_id", string()), ("template_id", string()), ("interactions", integer()), ("provisional", ["type": "boolean"]),
            ("overall", ["type": ["number", "null"]]), ("band", ["type": ["string", "null"]]), ("recommendation", ["type": ["string", "null"]]),
            ("next_band", ["type": ["object", "null"]]),
            ("kpis", array(object([("id", string()), ("kind", string()), ("value", ["type": ["number", "null"]]), ("target", integer()),
                                   ("sample_size", integer()), ("score", ["type": ["number", "null"]]), ("below_target", ["type": "boolean"])]))),
            ("reasons", array(string())),
        ], required: ["supplier_id", "template_id", "interactions", "provisional", "overall", "band", "kpis", "reasons"])),
        ("ScorecardRanking", object([
            ("template_id", string()), ("period", string("The closed month, when one was asked for.")),
            ("next_cursor", ["type": ["string", "null"]]),
            ("items", array(object([
                ("rank", integer()), ("supplier", object([("id", string()), ("name", ["type": ["string", "null"]])])),
                ("lower_bound", ["type": "number"]), ("overall", ["type": ["number", "null"]]), ("band", ["type": ["string", "null"]]),
                ("recommendation", ["type": ["string", "null"]]), ("interactions", integer()), ("provisional", ["type": "boolean"]),
            ]))),
        ], required: ["template_id", "items", "next_cursor"])),
        ("DisputeWrite", object([
            ("interaction_id", string("The interaction disputed (or event_id).")), ("event_id", string("The event disputed.")),
            ("reason", string(maxLength: 2000)),
        ], required: ["reason"], closed: true)),
        ("DisputeResolution", object([("decision", ["enum": ["uphold", "void"]]), ("note", string(maxLength: 2000))],
                                     required: ["decision"], closed: true)),
        ("Dispute", object([
            ("id", string()), ("subject", ["enum": ["interaction", "event"]]), ("subject_id", string()),
            ("organization_id", ["type": ["string", "null"]]), ("reason", string()), ("status", ["enum": ["open", "upheld", "voided"]]),
            ("note", ["type": ["string", "null"]]), ("opened_by", ["type": ["string", "null"]]), ("opened_at", dateTime()),
            ("resolved_by", ["type": ["string", "null"]]), ("resolved_at", ["type": ["string", "null"]]),
        ], required: ["id", "subject", "subject_id", "reason", "status", "opened_at"])),
        ("DisputePage", page("Dispute")),
        ("FeedbackWrite", object([
            ("id", string("The caller's unique id: the idempotency key.")), ("kind", ["enum": ["nps", "csat", "ces"]]),
            ("organization_id", string("The customer organization.")), ("member_id", string("The respondent, a member of it.")),
            ("role", ["enum": ["decision_maker", "influencer", "user"]]),
            ("score", ["type": "integer", "minimum": 0, "maximum": 10, "description": "nps 0–10, csat 1–5, ces 1–7."]),
            ("interaction_id", string("The interaction it is about: transactional feedback.")), ("comment", string(maxLength: 2000)),
        ], required: ["id", "kind", "organization_id", "role", "score"], closed: true)),
        ("Feedback", object([
            ("id", string()), ("kind", string()), ("organization_id", string()), ("member_id", ["type": ["string", "null"]]),
            ("role", string()), ("score", integer()), ("interaction_id", ["type": ["string", "null"]]),
            ("type", ["enum": ["transactional", "relational"]]), ("comment", ["type": ["string", "null"]]), ("recorded_at", dateTime()),
        ], required: ["id", "kind", "organization_id", "role", "score", "type", "recorded_at"])),
        ("FeedbackPage", page("Feedback")),
        ("AccountHealth", object([
            ("organization_id", string()), ("nps", ["type": "object"]), ("csat", ["type": ["number", "null"]]),
            ("ces", ["type": ["number", "null"]]), ("transactional", ["type": "object"]), ("engagement", ["type": "object"]),
            ("score", ["type": ["number", "null"]]), ("band", ["type": ["string", "null"]]),
            ("renewal_risk", object([("at_risk", ["type": "boolean"]), ("reasons", array(string()))])),
        ], required: ["organization_id", "nps", "engagement", "score", "band", "renewal_risk"])),
        ("AnalyticsSummary", object([
            ("from", dateTime()), ("to", dateTime()),
            ("members", object([("active", integer()), ("total", integer()), ("participation_rate", ["type": ["number", "null"]])])),
            ("organizations", object([("active", integer()), ("total", integer())])),
            ("points", ["type": "object", "description": "Per currency: issued, redeemed, expired, outstanding, redemption_rate."]),
            ("tiers", array(["type": "object"])), ("badges_awarded", array(["type": "object"])), ("quest_funnels", array(["type": "object"])),
            ("goal_attainment", array(["type": "object"])), ("top_rules", array(["type": "object"])),
        ], required: ["from", "to", "members", "organizations", "points", "tiers", "badges_awarded", "quest_funnels", "goal_attainment",
                      "top_rules"])),
        ("AnalyticsTimeseries", object([
            ("metric", string()), ("interval", ["enum": ["day", "week", "month"]]), ("currency", ["type": ["string", "null"]]),
            ("points", array(object([("start", dateTime()), ("end", dateTime()), ("value", integer())]))),
        ], required: ["metric", "interval", "points"])),
        ("InteractionOutcome", object([
            ("interaction", OpenAPIDocument.ref("Interaction")), ("kpis", array(["type": "object"])), ("score", ["type": ["number", "null"]]),
            ("scorecard", OpenAPIDocument.ref("Scorecard")), ("event", ["type": "object"]),
        ], required: ["interaction", "kpis", "scorecard", "event"])),
    ]
}

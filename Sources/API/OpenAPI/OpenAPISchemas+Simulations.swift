import Engine

extension OpenAPISchemas {
    /// Simulations: candidate rules replayed over stored events.
    static let simulations: [(key: String, value: JSONValue)] = [
        ("SimulationRequest", object([
            ("mode", ["enum": ["add", "replace"],
                      "description": "add: candidates join the live rules, replacing a live rule of the same id; replace: only candidates run."]),
            ("rules", ["type": "array", "maxItems": .int(Int64(SimulationLimits.standard.candidatesMax)),
                       "items": ["allOf": [OpenAPIDocument.ref("RuleWrite"), object([("id", string("The rule's id.", maxLength: 128))],
                                                                                     required: ["id"])]],
                       "description": "Whole rule documents, each with its id; validated as PUT /v1/rules/{id} validates them."]),
            ("from", dateTime()), ("to", dateTime()),
            ("event_type", string("Only events of this type.")), ("organization_id", string("Only events of this organization.")),
            ("top", ["type": "integer", "minimum": 1, "maximum": .int(SimulationLimits.standard.topMax), "default": .int(SimulationRequest.topDefault)]),
            ("samples", ["type": "integer", "minimum": 0, "maximum": .int(SimulationLimits.standard.samplesMax),
                         "default": .int(SimulationRequest.samplesDefault),
                         "description": "Explained fires, and as many non-fires, kept per rule."]),
        ], required: ["mode", "rules", "from", "to"], closed: true)),
        ("SimulationComparison", object([
            ("rule_id", string()), ("member_id", string()), ("organization_id", string()), ("currency", string()),
            ("actual", integer()), ("simulated", integer()), ("delta", ["type": "integer", "description": "simulated − actual."]),
        ], required: ["currency", "actual", "simulated", "delta"])),
        ("SimulationSample", object([
            ("event_id", string()), ("occurred_at", dateTime()), ("member_id", ["type": ["string", "null"]]),
            ("organization_id", ["type": ["string", "null"]]),
            ("explain", ["description": "The rule's explain, as in a dry run: conditions with the facts seen, amounts, limit notes."]),
        ], required: ["event_id", "occurred_at", "explain"])),
        ("SimulationRule", object([
            ("rule_id", string()), ("rule_version", integer()), ("source", ["enum": ["candidate", "live"]]),
            ("replaces_live_version", ["type": ["integer", "null"]]), ("on", string()),
            ("evaluated", integer()), ("applied", integer()),
            ("fires", ["type": "integer", "description": "Events where it applied and no count limit stopped it."]),
            ("limit_blocked", integer()), ("amount_limited", integer()),
            ("amounts", ["type": "object", "additionalProperties": integer(), "description": "Currency → simulated amount, after tier multipliers."]),
            ("actual_amounts", ["type": "object", "additionalProperties": integer()]),
            ("actual_events", integer()),
            ("samples", object([("fired", array(OpenAPIDocument.ref("SimulationSample"))),
                                ("not_fired", array(OpenAPIDocument.ref("SimulationSample")))])),
        ], required: ["rule_id", "rule_version", "source", "fires", "amounts", "samples"])),
        ("SimulationResult", object([
            ("mode", string()), ("from", dateTime()), ("to", dateTime()),
            ("event_type", ["type": ["string", "null"]]), ("organization_id", ["type": ["string", "null"]]),
            ("events", object([("replayed", integer()), ("reversed_excluded", integer())], required: ["replayed", "reversed_excluded"])),
            ("rules", array(OpenAPIDocument.ref("SimulationRule"))),
            ("totals", array(OpenAPIDocument.ref("SimulationComparison"))),
            ("difference_by_rule", array(OpenAPIDocument.ref("SimulationComparison"))),
            ("members_most_affected", array(OpenAPIDocument.ref("SimulationComparison"))),
            ("organizations_most_affected", array(OpenAPIDocument.ref("SimulationComparison"))),
            ("notes", array(string("An approximation the simulation makes."))),
        ], required: ["mode", "events", "rules", "totals", "difference_by_rule", "members_most_affected", "organizations_most_affected",
                      "notes"])),
    ]
}

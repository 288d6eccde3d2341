import Engine

extension OpenAPISchemas {
    /// Problem details, health and readiness, and shared shapes.
    static let common: [(key: String, value: JSONValue)] = [
        ("Problem", object([
            ("type", string()), ("title", string()), ("status", integer()), ("detail", string()),
            ("errors", array(object([("path", string("Where: `$.field[0]`, `query.name`, `path.id`.")), ("message", string())]))),
        ], required: ["type", "title", "status", "detail"])),
        ("Health", object([("status", ["const": "ok"])], required: ["status"])),
        ("Readiness", object([("status", ["enum": ["ready", "not_ready"]]), ("checks", ["type": "object", "additionalProperties": ["type": "string"]])])),
        ("Status", ["type": "string", "enum": ["active", "suspended", "archived"]]),
        ("Attributes", ["type": "object", "description": "Free JSON object, at most 100 keys.", "maxProperties": 100]),
    ]
}

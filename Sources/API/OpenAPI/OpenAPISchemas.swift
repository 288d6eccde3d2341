import Engine

/// JSON Schemas (2020-12, as OpenAPI 3.1 uses) of every body the API reads or writes, gathered
/// from one file per area (`OpenAPISchemas+Area.swift`).
enum OpenAPISchemas {
    static let all = JSONObject(common + directory + program + events + ledger + tiers + rewards + simulations + boosts + jobs + engagement
        + quests + webhooks + scorecards)

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

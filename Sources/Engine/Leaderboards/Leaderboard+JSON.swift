extension Leaderboard: ConfigurationObject {
    public static let kind = "leaderboard"
    public static let kindPlural = "leaderboards"

    /// The document form: what the API answers, the audit log keeps and the store saves.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("name", .string(name)),
            ("description", description.map(JSONValue.string) ?? .null),
            ("subject", .string(subject.rawValue)),
            ("metric", metric.json),
            ("period", .string(period.rawValue)),
            ("partition_by", partition.map { .string($0.rawValue) } ?? .null),
            ("filters", .object(JSONObject(filters.map { ($0.field.rawValue, .array($0.values.map(JSONValue.string))) }))),
            ("on_close", .array(prizes.map(\.json))),
            ("created_at", .string(createdAt.rfc3339)),
            ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

extension LeaderboardMetric {
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = []
        switch source {
        case .currency(let currency):
            fields.append(("currency", .string(currency)))
        case .eventCount(let type):
            fields.append(("event_type", .string(type)))
        case .propertySum(let type, let property):
            fields.append(("event_type", .string(type)))
            fields.append(("sum", .string(property)))
        }
        fields.append(("aggregate", .string(aggregate.rawValue)))
        if let targetAttribute { fields.append(("target_attribute", .string(targetAttribute))) }
        return .object(JSONObject(fields))
    }
}

extension ScorecardTemplate: ConfigurationObject {
    public static let kind = "scorecard_template"
    public static let kindPlural = "scorecard templates"

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("name", .string(name)), ("description", .optional(description)),
            ("kpis", .array(kpis.map(\.json))), ("window_days", .int(windowDays)),
            ("half_life_days", halfLifeDays.map(JSONValue.int) ?? .null),
            ("prior", prior.map { .object(JSONObject([("mean", .int($0.mean)), ("weight", .int($0.weight))])) } ?? .null),
            ("min_interactions", .int(minInteractions)),
            ("bands", .array(bands.map { band in
                .object(JSONObject([("id", .string(band.id)), ("min", .int(band.min)), ("recommendation", .string(band.recommendation.rawValue))]))
            })),
            ("created_at", .string(createdAt.rfc3339)), ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

extension ScorecardTemplate.KPI {
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(id)), ("kind", .string(kind.rawValue)), ("weight", .int(weight)), ("target", .int(target)), ("floor", .int(floor)),
        ]
        switch kind {
        case .rating: fields.append(("dimension", .optional(dimension)))
        case .rate: fields.append(("flag", .optional(flag)))
        case .onTime:
            fields.append(("lateness", .array(lateness.map { .object(JSONObject([("hours_late", .int($0.hoursLate)), ("score", .int($0.score))])) })))
        case .duration: break
        }
        return .object(JSONObject(fields))
    }
}

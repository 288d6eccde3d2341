extension TierLadder: ConfigurationObject {
    public static let kind = "tier_ladder"
    public static let kindPlural = "tier ladders"

    /// The document form: what the API answers, the audit log keeps, and the store saves.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("name", .optional(name)),
            ("subject", .string(subject.rawValue)),
            ("currency", .string(currency)),
            ("window", .string(window.rawValue)),
            ("levels", .array(levels.map(\.json))),
            ("downgrade", downgrade.json),
            ("created_at", .string(createdAt.rfc3339)),
            ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }

    /// The definition without id and times, as a draft reads it back (how the store keeps it).
    public var definitionJSON: JSONValue {
        var object = JSONObject()
        if let name { object["name"] = .string(name) }
        object["subject"] = .string(subject.rawValue)
        object["currency"] = .string(currency)
        object["window"] = .string(window.rawValue)
        object["levels"] = .array(levels.map(\.json))
        object["downgrade"] = downgrade.json
        return .object(object)
    }

    /// The inverse of `definitionJSON`; nil when the stored document no longer parses.
    public static func fromDefinition(_ json: JSONValue, id: String, createdAt: Timestamp, updatedAt: Timestamp) -> TierLadder? {
        guard let draft = try? TierLadderDraft.parse(json, id: id) else { return nil }
        return draft.ladder(id: id, createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension TierLevel {
    public var json: JSONValue {
        criteria.isEmpty
            ? .object(JSONObject([("id", .string(id)), ("threshold", .int(threshold)), ("benefits", benefits.json)]))
            : .object(JSONObject([("id", .string(id)), ("criteria", .array(criteria.map(\.json))), ("benefits", benefits.json)]))
    }
}

extension TierBenefits {
    public var json: JSONValue {
        var object = JSONObject()
        if let multiplierPerMille { object["multiplier"] = TierMultiplier.json(multiplierPerMille) }
        object["list"] = .array(list.map(JSONValue.string))
        return .object(object)
    }
}

extension TierDowngrade {
    public var json: JSONValue {
        .object(JSONObject([
            ("policy", .string(policy.rawValue)), ("grace_days", .int(Int64(graceDays))), ("review", .string(review.rawValue)),
        ]))
    }
}

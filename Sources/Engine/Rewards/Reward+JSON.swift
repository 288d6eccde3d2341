extension Reward {
    /// The document form: what the API answers and the audit log keeps.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("name", .string(name)),
            ("kind", .string(kind.rawValue)),
            ("description", description.map(JSONValue.string) ?? .null),
            ("cost", cost.json),
            ("stock", stock.map(JSONValue.int) ?? .null),
            ("per_member_limit", perMemberLimit.map(JSONValue.int) ?? .null),
            ("audience", audience.json),
            ("min_tier", minTier.map { .object(JSONObject([("ladder_id", .string($0.ladderID)), ("level_id", .string($0.levelID))])) } ?? .null),
            ("active", .object(JSONObject([
                ("from", activeFrom.map { .string($0.rfc3339) } ?? .null),
                ("until", activeUntil.map { .string($0.rfc3339) } ?? .null),
            ]))),
            ("created_at", .string(createdAt.rfc3339)),
            ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

extension RewardCost {
    public var json: JSONValue { .object(JSONObject([("currency", .string(currency)), ("amount", .int(amount))])) }
}

extension RewardAudience {
    public var json: JSONValue {
        .object(JSONObject([
            ("roles", .array(roles.map(JSONValue.string))),
            ("organization_kinds", .array(organizationKinds.map(JSONValue.string))),
            ("segments", .array(segments.map(JSONValue.string))),
        ]))
    }
}

extension Reward: ConfigurationObject {
    public static let kind = "reward"
    public static let kindPlural = "rewards"
}

/// Explain form of one rule's evaluation: whether it applies, why, the condition tree, and the
/// amount each award effect computes to (or why it could not be computed).
extension RuleOutcome {
    public var json: JSONValue {
        .object(JSONObject([
            ("rule_id", .string(ruleID)),
            ("applies", .bool(applies)),
            ("type_matches", .bool(typeMatches)),
            ("in_active_window", .bool(inActiveWindow)),
            ("reason", .string(reason)),
            ("conditions", conditions?.json ?? .null),
            ("awards", .array(awards.map(\.json))),
        ]))
    }
}

extension AwardOutcome {
    /// `amount` when it computed, `error` with the reason when it did not.
    public var json: JSONValue {
        var object = JSONObject([
            ("effect_index", .int(Int64(effectIndex))),
            ("currency", .string(currency)),
            ("to", .string(to.description)),
        ])
        switch amount {
        case .success(let value): object["amount"] = .int(value)
        case .failure(let error): object["error"] = .string(error.message)
        }
        return .object(object)
    }
}

extension AwardRecipient: CustomStringConvertible {
    /// As a rule spells it: `member`, `organization`, `parent`, or `split 70/30` (member/organization).
    public var description: String {
        switch self {
        case .member: "member"
        case .organization: "organization"
        case .parent: "parent"
        case .split(let member, let organization): "split \(member)/\(organization)"
        }
    }
}

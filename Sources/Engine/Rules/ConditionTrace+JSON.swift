/// Explain form of a condition trace: every node says where it is in the rule, what kind it is,
/// whether it passed and why in words; leaves also name the fact and the value seen (null when the
/// fact is missing), so a reader never has to re-run the rule in their head.
extension ConditionTrace {
    public var json: JSONValue {
        var object = JSONObject([
            ("path", .string(path)),
            ("kind", .string(kind.rawValue)),
            ("passed", .bool(passed)),
            ("reason", .string(reason)),
        ])
        if kind == .leaf {
            object["fact"] = fact.map { .string($0.description) } ?? .null
            object["seen"] = seen ?? .null
            object["missing"] = .bool(seen == nil || seen == .null)
        }
        object["children"] = .array(children.map(\.json))
        return .object(object)
    }
}

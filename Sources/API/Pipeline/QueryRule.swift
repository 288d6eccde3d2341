public import Engine

/// The values a query parameter takes. A route declares one per parameter; every parameter of a
/// request is checked against its rule before the route runs, so that all bad values are reported
/// together, and the OpenAPI document describes each parameter from the same rule.
public enum QueryRule: Sendable {
    case text(TextRule)
    /// RFC 3339 with an offset.
    case dateTime
    case integer(ClosedRange<Int>, default: Int)
    case boolean(default: Bool)
    case choice([String])
    /// The page size, 1 to `PageRequest.limitMax`.
    case limit
    /// An opaque `next_cursor` this API handed out.
    case cursor

    /// One of the raw values of `T`, e.g. a status.
    public static func choice<T: RawRepresentable & CaseIterable>(of: T.Type) -> QueryRule where T.RawValue == String {
        .choice(T.allCases.map(\.rawValue))
    }

    /// What is wrong with `value`, or nil when it obeys the rule.
    func problem(with value: String) -> String? {
        switch self {
        case .text(let rule):
            return rule.problem(with: value)
        case .dateTime:
            return RFC3339.parse(value) == nil ? "must be an RFC 3339 date-time with an offset" : nil
        case .integer(let range, _):
            guard let number = Int(value), range.contains(number) else {
                return "must be an integer from \(range.lowerBound) to \(range.upperBound)"
            }
            return nil
        case .boolean:
            return value == "true" || value == "false" ? nil : "must be true or false"
        case .choice(let names):
            return names.contains(value) ? nil : "must be one of \(names.joined(separator: ", "))"
        case .limit:
            return QueryRule.integer(1...PageRequest.limitMax, default: PageRequest.limitDefault).problem(with: value)
        case .cursor:
            return Cursor.decode(value) == nil ? "is not a cursor from this API" : nil
        }
    }

    /// The parameter's schema in the OpenAPI document.
    var schema: JSONValue {
        switch self {
        case .text(.identifier):
            ["type": "string", "minLength": 1, "maxLength": .int(Int64(TextRule.identifierBytesMax))]
        case .text(.word):
            ["type": "string", "minLength": 1, "maxLength": .int(Int64(TextRule.wordBytesMax))]
        case .text(.text(let max)):
            ["type": "string", "minLength": 1, "maxLength": .int(Int64(max))]
        case .dateTime:
            ["type": "string", "format": "date-time"]
        case .integer(let range, let fallback):
            ["type": "integer", "minimum": .int(Int64(range.lowerBound)), "maximum": .int(Int64(range.upperBound)),
             "default": .int(Int64(fallback))]
        case .boolean(let fallback):
            ["type": "boolean", "default": .bool(fallback)]
        case .choice(let names):
            ["type": "string", "enum": .array(names.map(JSONValue.string))]
        case .limit:
            ["type": "integer", "minimum": 1, "maximum": .int(Int64(PageRequest.limitMax)),
             "default": .int(Int64(PageRequest.limitDefault))]
        case .cursor:
            ["type": "string"]
        }
    }
}

public import Engine
import HTTP

/// The query string of a request, decoded and checked against the parameters a route declares.
/// An undeclared parameter is an error: a misspelt filter silently ignored returns wrong data.
public struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String, allowed: [QueryParameter]) throws {
        guard let items = PercentDecoding.queryItems(query) else {
            throw Problem.invalid([ValidationError(path: "query", message: "malformed percent-encoding")])
        }
        var problems: [ValidationError] = []
        for (name, value) in items {
            if !allowed.contains(where: { $0.name == name }) {
                problems.append(ValidationError(path: "query.\(name)", message: "unknown query parameter"))
            } else if values[name] != nil {
                problems.append(ValidationError(path: "query.\(name)", message: "given more than once"))
            } else {
                values[name] = value
            }
        }
        if !problems.isEmpty { throw Problem.invalid(problems) }
    }

    public subscript(name: String) -> String? { values[name] }

    /// `limit` and `cursor` as a page request.
    public func page() throws -> PageRequest {
        var problems: [ValidationError] = []
        var limit = PageRequest.limitDefault
        if let text = values["limit"] {
            if let number = Int(text), (1...PageRequest.limitMax).contains(number) {
                limit = number
            } else {
                problems.append(ValidationError(path: "query.limit", message: "must be an integer from 1 to \(PageRequest.limitMax)"))
            }
        }
        var after: String?
        if let text = values["cursor"] {
            after = Cursor.decode(text)
            if after == nil { problems.append(ValidationError(path: "query.cursor", message: "is not a cursor from this API")) }
        }
        if !problems.isEmpty { throw Problem.invalid(problems) }
        return PageRequest(limit: limit, after: after)
    }

    /// A filter value that must obey `rule`.
    public func filter(_ name: String, rule: TextRule) throws -> String? {
        guard let value = values[name] else { return nil }
        if let problem = rule.problem(with: value) {
            throw Problem.invalid([ValidationError(path: "query.\(name)", message: problem)])
        }
        return value
    }

    /// An RFC 3339 date-time parameter.
    public func timestamp(_ name: String) throws -> Timestamp? {
        guard let value = values[name] else { return nil }
        guard let instant = RFC3339.parse(value) else {
            throw Problem.invalid([ValidationError(path: "query.\(name)", message: "must be an RFC 3339 date-time with an offset")])
        }
        return instant
    }

    /// `from` and `to` (or other names) as a half-open range; `to` must come after `from`.
    public func range(_ fromName: String = "from", _ toName: String = "to") throws -> (from: Timestamp?, until: Timestamp?) {
        let from = try timestamp(fromName), until = try timestamp(toName)
        if let from, let until, until <= from {
            throw Problem.invalid([ValidationError(path: "query.\(toName)", message: "must be after \(fromName)")])
        }
        return (from, until)
    }

    /// A whole number in `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw Problem.invalid([ValidationError(
                path: "query.\(name)", message: "must be an integer from \(range.lowerBound) to \(range.upperBound)")])
        }
        return number
    }

    /// `true` or `false`.
    public func bool(_ name: String) throws -> Bool? {
        switch values[name] {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw Problem.invalid([ValidationError(path: "query.\(name)", message: "must be true or false")])
        }
    }

    public func choice<T: RawRepresentable & CaseIterable>(_ name: String, as: T.Type) throws -> T? where T.RawValue == String {
        guard let value = values[name] else { return nil }
        guard let choice = T(rawValue: value) else {
            let names = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.invalid([ValidationError(path: "query.\(name)", message: "must be one of \(names)")])
        }
        return choice
    }
}

/// A query parameter a route accepts, with what the OpenAPI document says of it.
public struct QueryParameter: Sendable {
    public var name: String
    public var description: String
    public var schema: JSONValue

    public init(_ name: String, _ description: String, schema: JSONValue = ["type": "string"]) {
        self.name = name
        self.description = description
        self.schema = schema
    }

    public static let limit = QueryParameter(
        "limit", "Items per page, 1 to 500 (default 50).", schema: ["type": "integer", "minimum": 1, "maximum": 500])
    public static let cursor = QueryParameter("cursor", "The next_cursor of the previous page.")
    public static let includeRevoked = QueryParameter(
        "include_revoked", "true to list revoked badges too (default false).", schema: ["type": "boolean", "default": false])
}

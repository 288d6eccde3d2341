public import Engine
import HTTP

/// The query string of a request, decoded and checked against the parameters a route declares:
/// every value against its parameter's `QueryRule`, all problems reported together. An undeclared
/// parameter is an error too: a misspelt filter silently ignored returns wrong data.
public struct QueryParameters {
    private var values: [String: String] = [:]
    private var declared: [String: QueryRule] = [:]

    init(_ query: String, allowed: [QueryParameter]) throws {
        guard let items = PercentDecoding.queryItems(query) else {
            throw Problem.invalid([ValidationError(path: "query", message: "malformed percent-encoding")])
        }
        for parameter in allowed { declared[parameter.name] = parameter.rule }
        var problems: [ValidationError] = []
        for (name, value) in items {
            if let rule = declared[name] {
                if values[name] != nil {
                    problems.append(ValidationError(path: "query.\(name)", message: "given more than once"))
                } else if let problem = rule.problem(with: value) {
                    problems.append(ValidationError(path: "query.\(name)", message: problem))
                }
                values[name] = value
            } else {
                problems.append(ValidationError(path: "query.\(name)", message: "unknown query parameter"))
            }
        }
        if !problems.isEmpty { throw Problem.invalid(problems) }
    }

    public subscript(name: String) -> String? { values[name] }

    /// `limit` and `cursor` as a page request.
    public func page() -> PageRequest {
        PageRequest(
            limit: value("limit", declaredAs: .limit).flatMap { Int($0) } ?? PageRequest.limitDefault,
            after: value("cursor", declaredAs: .cursor).flatMap(Cursor.decode))
    }

    /// A text filter, as its rule let it in.
    public func filter(_ name: String) -> String? {
        value(name, declaredAs: .text(.word))
    }

    /// An RFC 3339 date-time parameter.
    public func timestamp(_ name: String) -> Timestamp? {
        value(name, declaredAs: .dateTime).flatMap(RFC3339.parse)
    }

    /// `from` and `to` (or other names) as a half-open range; `to` must come after `from`.
    public func range(_ fromName: String = "from", _ toName: String = "to") throws -> (from: Timestamp?, until: Timestamp?) {
        let from = timestamp(fromName), until = timestamp(toName)
        if let from, let until, until <= from {
            throw Problem.invalid([ValidationError(path: "query.\(toName)", message: "must be after \(fromName)")])
        }
        return (from, until)
    }

    /// A whole number within its declared range, or the declared default.
    public func integer(_ name: String) -> Int {
        guard case .integer(_, let fallback)? = declared[name] else {
            assertionFailure("query.\(name) is not declared as an integer")
            return 0
        }
        return values[name].flatMap { Int($0) } ?? fallback
    }

    /// `true` or `false`, or the declared default.
    public func bool(_ name: String) -> Bool {
        guard case .boolean(let fallback)? = declared[name] else {
            assertionFailure("query.\(name) is not declared as a boolean")
            return false
        }
        return values[name].map { $0 == "true" } ?? fallback
    }

    public func choice<T: RawRepresentable>(_ name: String, as: T.Type) -> T? where T.RawValue == String {
        value(name, declaredAs: .choice([])).flatMap(T.init(rawValue:))
    }

    /// The value of a declared parameter. Reading an undeclared one, or one declared with another
    /// kind of rule, is a programmer error the tests catch; a release build answers nil rather
    /// than take the server down.
    private func value(_ name: String, declaredAs expected: QueryRule) -> String? {
        guard let rule = declared[name], rule.kindName == expected.kindName else {
            assertionFailure("query.\(name) is not declared as \(expected.kindName)")
            return nil
        }
        return values[name]
    }
}

extension QueryRule {
    /// The rule's case without its values, to check that a parameter is read as it was declared.
    fileprivate var kindName: String {
        switch self {
        case .text: "text"
        case .dateTime: "date-time"
        case .integer: "integer"
        case .boolean: "boolean"
        case .choice: "choice"
        case .limit: "limit"
        case .cursor: "cursor"
        }
    }
}

/// A query parameter a route accepts: its name, what the OpenAPI document says of it, and its rule.
public struct QueryParameter: Sendable {
    public var name: String
    public var description: String
    public var rule: QueryRule

    public init(_ name: String, _ description: String, rule: QueryRule = .text(.identifier)) {
        self.name = name
        self.description = description
        self.rule = rule
    }

    public var schema: JSONValue { rule.schema }

    public static let limit = QueryParameter("limit", "Items per page, 1 to 500 (default 50).", rule: .limit)
    public static let cursor = QueryParameter("cursor", "The next_cursor of the previous page.", rule: .cursor)
    public static let includeRevoked = QueryParameter(
        "include_revoked", "true to list revoked badges too (default false).", rule: .boolean(default: false))
}

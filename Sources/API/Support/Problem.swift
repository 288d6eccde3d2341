public import HTTP
public import Engine

/// RFC 9457 problem details. Every error Laurel answers is one of these, and every mapping from a
/// failure to an HTTP status happens here.
public struct Problem: Error, Sendable {
    public var status: Int
    public var title: String
    public var detail: String
    public var errors: [ValidationError]
    public var headers: [(String, String)] = []

    public init(status: Int, title: String, detail: String, errors: [ValidationError] = []) {
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    public var response: HTTPResponse {
        var response = HTTPResponse.json(json, status: status)
        response.headers.set("Content-Type", "application/problem+json")
        for (name, value) in headers { response.headers.add(name, value) }
        return response
    }

    /// The problem document itself, also embedded in batch answers.
    public var json: JSONValue {
        var object = JSONObject([
            ("type", .string("https://laurel.dev/problems/\(Self.slug(title))")),
            ("title", .string(title)),
            ("status", .int(Int64(status))),
            ("detail", .string(detail)),
        ])
        if !errors.isEmpty {
            object["errors"] = .array(errors.map { .object(JSONObject([("path", .string($0.path)), ("message", .string($0.message))])) })
        }
        return .object(object)
    }

    public static func invalid(_ errors: [ValidationError], detail: String = "The request has problems; see errors.") -> Problem {
        Problem(status: 400, title: "Invalid request", detail: detail, errors: errors)
    }

    /// The one place where a failure becomes a status. Unknown errors are 500 without details: the
    /// log has them, the caller never sees internals.
    public static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let domain as DomainError:
            return from(domain)
        default:
            return Problem(status: 500, title: "Internal error", detail: "The server could not complete the request; it was not applied.")
        }
    }

    static func from(_ error: DomainError) -> Problem {
        switch error {
        case .invalid(let errors):
            return .invalid(errors)
        case .unprocessable(let errors):
            return Problem(status: 422, title: "Unprocessable request", detail: errors.map(\.description).joined(separator: "; "), errors: errors)
        case .notFound(let kind, let id):
            return Problem(status: 404, title: "Not found", detail: "No \(kind) with id \(id).")
        case .forbidden(let reason):
            return Problem(status: 403, title: "Forbidden", detail: reason)
        case .conflict(let reason):
            return Problem(status: 409, title: "Conflict", detail: reason)
        case .stillReferenced(let reason, let references):
            return Problem(status: 409, title: "Conflict", detail: reason, errors: references)
        case .unavailable(let reason, let retryAfterSeconds):
            var problem = Problem(status: 503, title: "Service unavailable", detail: reason)
            problem.headers = [("Retry-After", String(retryAfterSeconds))]
            return problem
        }
    }

    private static func slug(_ title: String) -> String {
        title.lowercased().split(separator: " ").joined(separator: "-")
    }
}

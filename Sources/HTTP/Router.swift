/// Maps a method and a path to a handler. Patterns are literal segments and `{name}` parameters,
/// e.g. `/v1/members/{id}`. HEAD is answered by the GET route when no HEAD route exists.
/// Knows nothing of what handlers are; `API` decides that.
public struct Router<Handler: Sendable>: Sendable {
    private struct Route: Sendable {
        let method: String
        let pattern: String
        let segments: [Segment]
        let handler: Handler
    }

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    public init() {}

    /// Every registered route, in registration order, e.g. for checking the OpenAPI document.
    public var registeredRoutes: [(method: String, pattern: String)] {
        routes.map { ($0.method, $0.pattern) }
    }

    public mutating func add(_ method: String, _ pattern: String, _ handler: Handler) {
        let segments = Self.split(pattern).map { part -> Segment in
            if part.hasPrefix("{") && part.hasSuffix("}") {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
        precondition(
            !routes.contains { $0.method == method && $0.segments == segments },
            "route \(method) \(pattern) registered twice"
        )
        routes.append(Route(method: method, pattern: pattern, segments: segments, handler: handler))
    }

    public func match(method: String, path: String) -> RouteMatch<Handler> {
        let parts = Self.split(path)
        var allowed: [String] = []
        var headFallback: (Route, [String: String])?
        for route in routes {
            guard let parameters = Self.bind(route.segments, to: parts) else { continue }
            if route.method == method {
                return .found(route.handler, parameters: parameters, pattern: route.pattern)
            }
            if method == "HEAD" && route.method == "GET" { headFallback = (route, parameters) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if let (route, parameters) = headFallback {
            return .found(route.handler, parameters: parameters, pattern: route.pattern)
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
        return .methodNotAllowed(allowed: allowed)
    }

    private static func split(_ path: some StringProtocol) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { Substring($0) }
    }

    private static func bind(_ segments: [Segment], to parts: [Substring]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text):
                if text != part { return nil }
            case .parameter(let name):
                guard let decoded = PercentDecoding.decode(part), !decoded.isEmpty else { return nil }
                parameters[name] = decoded
            }
        }
        return parameters
    }
}

public enum RouteMatch<Handler> {
    case found(Handler, parameters: [String: String], pattern: String)
    case methodNotAllowed(allowed: [String])
    case notFound
}

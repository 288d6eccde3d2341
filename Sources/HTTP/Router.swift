/// Maps a method and a path to a handler. Patterns are literal segments and `{name}` parameters,
/// e.g. `/v1/members/{id}`. HEAD is answered by the GET route when no HEAD route exists.
/// Knows nothing of what handlers are; `API` decides that.
///
/// Routes live in a trie of path segments, so a lookup costs one dictionary probe per segment
/// whatever the number of routes, and parameters are decoded only for the route that matched.
/// A literal segment wins over a parameter at the same depth (`/v1/keys/new` before `/v1/keys/{id}`)
/// for the methods it has; other methods still reach the parameter route.
public struct Router<Handler: Sendable>: Sendable {
    private struct Endpoint: Sendable {
        let pattern: String
        let handler: Handler
        /// The parameter name bound at each parameter position, in path order.
        let parameterNames: [String]
    }

    private final class Node: @unchecked Sendable {  // mutated only while routes are added, before the router is shared
        var literals: [Substring: Node] = [:]
        var parameter: Node?
        var endpoints: [String: Endpoint] = [:]
        var methods: [String] = []
    }

    private let root = Node()
    private var registered: [(method: String, pattern: String)] = []

    public init() {}

    /// Every registered route, in registration order, e.g. for checking the OpenAPI document.
    public var registeredRoutes: [(method: String, pattern: String)] { registered }

    public mutating func add(_ method: String, _ pattern: String, _ handler: Handler) {
        var node = root
        var names: [String] = []
        for part in Self.split(pattern) {
            if part.hasPrefix("{") && part.hasSuffix("}") {
                names.append(String(part.dropFirst().dropLast()))
                if node.parameter == nil { node.parameter = Node() }
                node = node.parameter!
            } else {
                if node.literals[part] == nil { node.literals[part] = Node() }
                node = node.literals[part]!
            }
        }
        precondition(node.endpoints[method] == nil, "route \(method) \(pattern) registered twice")
        node.endpoints[method] = Endpoint(pattern: pattern, handler: handler, parameterNames: names)
        node.methods.append(method)
        registered.append((method, pattern))
    }

    public func match(method: String, path: String) -> RouteMatch<Handler> {
        let parts = Self.split(path)
        var candidates: [(node: Node, values: [Substring])] = []
        var values: [Substring] = []
        Self.collect(parts[...], from: root, values: &values, into: &candidates)
        guard !candidates.isEmpty else { return .notFound }
        for (node, values) in candidates {
            guard let endpoint = node.endpoints[method] ?? (method == "HEAD" ? node.endpoints["GET"] : nil) else { continue }
            var parameters: [String: String] = [:]
            for (name, raw) in zip(endpoint.parameterNames, values) {
                guard let decoded = PercentDecoding.decode(raw), !decoded.isEmpty else { return .notFound }
                parameters[name] = decoded
            }
            return .found(endpoint.handler, parameters: parameters, pattern: endpoint.pattern)
        }
        var allowed: [String] = []
        for (node, _) in candidates { for method in node.methods where !allowed.contains(method) { allowed.append(method) } }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
        return .methodNotAllowed(allowed: allowed)
    }

    /// Every node that ends `parts` with an endpoint, literals before parameters at each depth.
    /// Almost always one; more only where a literal and a parameter overlap.
    private static func collect(
        _ parts: ArraySlice<Substring>, from node: Node, values: inout [Substring],
        into candidates: inout [(node: Node, values: [Substring])]
    ) {
        guard let part = parts.first else {
            if !node.endpoints.isEmpty { candidates.append((node, values)) }
            return
        }
        let rest = parts.dropFirst()
        if let literal = node.literals[part] { collect(rest, from: literal, values: &values, into: &candidates) }
        guard let parameter = node.parameter else { return }
        values.append(part)
        collect(rest, from: parameter, values: &values, into: &candidates)
        values.removeLast()
    }

    /// Non-empty segments between slashes. Walks UTF-8 bytes: splitting by `Character` would run
    /// grapheme breaking over every path.
    private static func split(_ path: String) -> [Substring] {
        let bytes = path.utf8
        var parts: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "/") {
                if start != index { parts.append(path[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if start != bytes.endIndex { parts.append(path[start...]) }
        return parts
    }
}

public enum RouteMatch<Handler> {
    case found(Handler, parameters: [String: String], pattern: String)
    case methodNotAllowed(allowed: [String])
    case notFound
}

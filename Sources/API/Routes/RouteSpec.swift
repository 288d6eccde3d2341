import Engine
public import HTTP

/// Who may call a route before the handler's own checks (scope, roles for writes) run.
public enum Access: Sendable, Equatable {
    /// No key needed: health, readiness, metrics, the OpenAPI document.
    case open
    /// Any active key; the engine narrows what partner keys see.
    case anyKey
    /// Keys that read the whole program (admin, integration, viewer); partner keys get 403.
    case readAll
    /// Admin keys only; other keys get 403 without the handler running.
    case admin
}

public typealias Respond = @Sendable (HTTPResponse) -> Void
public typealias Handle = @Sendable (RequestContext, QueryParameters, @escaping Respond) -> Void

/// One route: where it is, who may call it, what it does, and how the OpenAPI document describes
/// it. Declaring the description beside the handler keeps the document complete by construction;
/// a test still checks the served document against the router.
public struct RouteSpec: Sendable {
    public var method: String
    public var pattern: String
    public var access: Access
    public var summary: String
    public var tag: String
    public var query: [QueryParameter]
    /// Name of the request body schema in `components.schemas`, if the route takes a body.
    public var requestSchema: String?
    /// Status → (description, response schema name or nil).
    public var responses: [(status: Int, description: String, schema: String?)]
    public var idempotency: Idempotency
    /// Columns of the `text/csv` alternative of the 200 answer (`Accept: text/csv`), if it has one.
    public var csvColumns: [String]?
    public var handle: Handle

    public init(
        _ method: String, _ pattern: String, access: Access, summary: String, tag: String,
        query: [QueryParameter] = [], requestSchema: String? = nil,
        responses: [(status: Int, description: String, schema: String?)], idempotency: Idempotency = .none,
        handle: @escaping Handle
    ) {
        self.method = method
        self.pattern = pattern
        self.access = access
        self.summary = summary
        self.tag = tag
        self.query = query
        self.requestSchema = requestSchema
        self.responses = responses
        self.idempotency = idempotency
        self.handle = handle
    }
}

/// Whether a POST honours `Idempotency-Key`, and which answer fields are never stored for replay.
public enum Idempotency: Sendable {
    case none
    case byHeader(redacting: [String])
}

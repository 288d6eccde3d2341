// Contract only; the implementation lands with the HTTP server work.

/// Where and how the server listens.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 picks an ephemeral port; `HTTPServer.start()` returns the one bound.
    public var port: Int = 8080
    public var limits = HTTPLimits()
    /// Threads that run the connection event loops.
    public var eventLoopCount: Int = 2
    public var listenBacklog: Int = 1024
    /// Called for every response the server writes on its own (protocol errors, 408, 503 at the
    /// connection cap) so that metrics count them; the responder never sees those requests.
    public var onProtocolResponse: (@Sendable (_ status: Int) -> Void)?

    public init() {}
}

public final class HTTPServer: Sendable {
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        fatalError("not implemented yet")
    }

    /// Binds, listens and starts serving; returns the bound port.
    public func start() throws -> Int { fatalError("not implemented yet") }

    /// Connections open right now.
    public var openConnectionCount: Int { fatalError("not implemented yet") }

    /// Stops accepting, lets in-flight requests finish (answering them with `Connection: close`),
    /// closes idle connections, and returns once all are closed or `drainTimeoutMs` has passed.
    public func shutdown(drainTimeoutMs: Int) { fatalError("not implemented yet") }
}

/// A response to write. The server adds `Content-Length`, `Date` and `Connection` itself.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Answers requests. `respond` may call `reply` at once on the calling thread or later from any
/// thread (after a database commit, say); it must call it exactly once.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, reply: HTTPReply)
}

/// The one-shot continuation a responder answers through. Thread-safe.
public struct HTTPReply: Sendable {
    private let send: @Sendable (HTTPResponse) -> Void

    public init(_ send: @escaping @Sendable (HTTPResponse) -> Void) {
        self.send = send
    }

    public func callAsFunction(_ response: HTTPResponse) {
        send(response)
    }
}

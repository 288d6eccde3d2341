/// A validated request line and header section, before its body.
struct HTTPRequestHead: Sendable {
    enum BodyFraming: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    var method: String
    var target: String
    var version: HTTPVersion
    var headers: HTTPHeaders
    var framing: BodyFraming
    /// Whether the peer wants the connection kept open after this request.
    var keepAlive: Bool
    /// `Expect: 100-continue` on a request that has a body.
    var expectsContinue: Bool
}

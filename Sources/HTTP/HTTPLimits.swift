/// Every bound the server enforces on a peer, with the defaults from DESIGN.md.
/// Units are last in each name.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line (method, target, version) before answering 414.
    public var requestLineBytesMax = 8 * 1024
    /// Longest single header field line before answering 431.
    public var headerFieldBytesMax = 8 * 1024
    /// All header lines together before answering 431.
    public var headerBytesMax = 32 * 1024
    /// Most header fields before answering 431.
    public var headerCountMax = 100
    /// Largest request body; a larger declared `Content-Length` is refused with 413 before reading.
    public var bodyBytesMax = 1024 * 1024
    /// Time allowed from the first byte of a request to the end of its headers (408).
    public var headerReadTimeoutMs = 10_000
    /// Longest pause between two reads of a request body (408).
    public var bodyReadGapTimeoutMs = 10_000
    /// How long a keep-alive connection may sit idle between requests before it is closed.
    public var idleTimeoutMs = 75_000
    /// Open connections at most; further ones are accepted and closed at once with 503.
    public var connectionsMax = 1024
    /// Requests read ahead on one connection while earlier ones are still being answered.
    public var pipelinedRequestsMax = 16

    public init() {}
}

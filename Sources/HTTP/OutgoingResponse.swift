/// A responder's answer with what the encoder must know about the request it answers.
struct OutgoingResponse: Sendable {
    var response: HTTPResponse
    /// HEAD: the head says what GET would send, the body is dropped.
    var headRequest: Bool
    var version: HTTPVersion
}

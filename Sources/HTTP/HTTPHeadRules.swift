/// What a complete header section means for framing and the connection (RFC 9112 §6, §9.3),
/// and the rules that make a head unacceptable: no or several Host in HTTP/1.1, Content-Length
/// with Transfer-Encoding, a bad or repeated Content-Length, a coding other than chunked.
struct HTTPHeadRules {
    var framing = HTTPRequestHead.BodyFraming.none
    var keepAlive: Bool
    var expectsContinue: Bool

    init(fields: [(name: String, value: String)], version: HTTPVersion, limits: HTTPLimits) throws(HTTPParseError) {
        var hosts = 0
        var contentLength: Int?
        var transferEncoding: String?
        var connectionClose = false, connectionKeepAlive = false
        var expectsContinue = false
        for field in fields {
            let name = field.name
            if equalsIgnoringCase(name, "host") {
                hosts += 1
            } else if equalsIgnoringCase(name, "content-length") {
                guard contentLength == nil else { throw .duplicateContentLength }
                contentLength = try HTTPSyntax.parseContentLength(field.value)
            } else if equalsIgnoringCase(name, "transfer-encoding") {
                guard transferEncoding == nil else { throw .unsupportedTransferEncoding }
                transferEncoding = field.value
            } else if equalsIgnoringCase(name, "connection") {
                HTTPSyntax.forEachToken(field.value) { token in
                    if equalsIgnoringCase(String(token), "close") { connectionClose = true }
                    if equalsIgnoringCase(String(token), "keep-alive") { connectionKeepAlive = true }
                }
            } else if equalsIgnoringCase(name, "expect") {
                expectsContinue = equalsIgnoringCase(field.value, "100-continue")
            }
        }
        if version == .http11 && hosts == 0 { throw .missingHost }
        guard hosts <= 1 else { throw .duplicateHost }
        if let transferEncoding {
            guard contentLength == nil else { throw .contentLengthWithTransferEncoding }
            guard version == .http11, equalsIgnoringCase(transferEncoding, "chunked") else { throw .unsupportedTransferEncoding }
            framing = .chunked
        } else if let contentLength, contentLength > 0 {
            // Refused here, before a byte of the body is read.
            guard contentLength <= limits.bodyBytesMax else { throw .bodyTooLarge }
            framing = .length(contentLength)
        }
        keepAlive = version == .http11 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        self.expectsContinue = expectsContinue && framing != .none
    }
}

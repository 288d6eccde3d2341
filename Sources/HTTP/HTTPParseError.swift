/// Everything wrong a peer can send, each with the status the server answers it with.
/// Every one of them ends the connection: after a framing error the byte stream cannot be trusted.
public enum HTTPParseError: Error, Equatable, Sendable {
    case requestLineTooLong
    case headerFieldTooLong
    case headersTooLarge
    case tooManyHeaders
    case bodyTooLarge
    case invalidRequestLine
    case invalidMethod
    case invalidTarget
    case invalidVersion
    case versionNotSupported
    case bareLineFeed
    case obsoleteLineFolding
    case whitespaceBeforeColon
    case invalidHeaderName
    case invalidHeaderValue
    case missingHost
    case duplicateHost
    case invalidContentLength
    case duplicateContentLength
    case contentLengthWithTransferEncoding
    case unsupportedTransferEncoding
    case invalidChunkSize
    case chunkLineTooLong
    case invalidChunkTerminator

    public var status: Int {
        switch self {
        case .requestLineTooLong: return 414
        case .headerFieldTooLong, .headersTooLarge, .tooManyHeaders: return 431
        case .bodyTooLarge: return 413
        case .versionNotSupported: return 505
        default: return 400
        }
    }

    /// The `detail` of the problem+json answer; says what was wrong, never echoes peer bytes.
    public var detail: String {
        switch self {
        case .requestLineTooLong: return "The request line is too long."
        case .headerFieldTooLong: return "A header field is too long."
        case .headersTooLarge: return "The header section is too large."
        case .tooManyHeaders: return "There are too many header fields."
        case .bodyTooLarge: return "The request body is too large."
        case .invalidRequestLine: return "The request line is malformed."
        case .invalidMethod: return "The method is not a valid token."
        case .invalidTarget: return "The request target is malformed."
        case .invalidVersion: return "The HTTP version is malformed."
        case .versionNotSupported: return "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .bareLineFeed: return "Lines must end with CRLF."
        case .obsoleteLineFolding: return "Obsolete line folding is not accepted."
        case .whitespaceBeforeColon: return "Whitespace between a field name and the colon is not allowed."
        case .invalidHeaderName: return "A header field name is not a valid token."
        case .invalidHeaderValue: return "A header field value contains control characters."
        case .missingHost: return "HTTP/1.1 requests need a Host header."
        case .duplicateHost: return "The Host header appears more than once."
        case .invalidContentLength: return "Content-Length is not a valid number."
        case .duplicateContentLength: return "Content-Length appears more than once."
        case .contentLengthWithTransferEncoding: return "Content-Length and Transfer-Encoding cannot be combined."
        case .unsupportedTransferEncoding: return "Only the chunked transfer coding is supported."
        case .invalidChunkSize: return "A chunk size is malformed."
        case .chunkLineTooLong: return "A chunk size line is too long."
        case .invalidChunkTerminator: return "Chunk data must end with CRLF."
        }
    }
}

/// The `application/problem+json` (RFC 9457) body the server writes for its own errors.
enum ProblemResponse {
    static func make(status: Int, detail: String) -> HTTPResponse {
        let title = HTTPStatusReason.phrase(for: status)
        let json = "{\"type\":\"about:blank\",\"title\":\(quoted(title)),\"status\":\(status),\"detail\":\(quoted(detail))}"
        return HTTPResponse(
            status: status,
            headers: HTTPHeaders([("Content-Type", "application/problem+json")]),
            body: Array(json.utf8)
        )
    }

    static func make(_ error: HTTPParseError) -> HTTPResponse {
        make(status: error.status, detail: error.detail)
    }

    /// A JSON string literal; escapes quotes, backslashes and control characters.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

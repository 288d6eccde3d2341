/// Encodes a response head and body straight into a connection's output bytes.
/// The server owns `Content-Length`, `Date`, `Connection` and `Transfer-Encoding`: the responder's
/// values for those are replaced (except a HEAD response's own `Content-Length` when it sent no body).
enum ResponseEncoder {
    static let continueHead: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    static func encode(
        _ response: HTTPResponse, headRequest: Bool, version: HTTPVersion, closeAfter: Bool,
        date: [UInt8], into out: inout [UInt8]
    ) {
        let status = response.status
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status, to: &out)
        out.append(0x20)
        out.append(contentsOf: HTTPStatusReason.phrase(for: status).utf8)
        out.append(contentsOf: "\r\n".utf8)

        let bodyAllowed = status >= 200 && status != 204 && status != 304
        var ownContentLength: String?
        for field in response.headers {
            let name = field.name
            if isServerOwned(name) {
                if headRequest && response.body.isEmpty && equalsIgnoringCase(name, "content-length") {
                    ownContentLength = field.value
                }
                continue
            }
            guard isSafe(name), isSafe(field.value) else { continue }  // no response splitting
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        if bodyAllowed {
            out.append(contentsOf: "Content-Length: ".utf8)
            if let ownContentLength, isSafe(ownContentLength) {
                out.append(contentsOf: ownContentLength.utf8)
            } else {
                appendDecimal(response.body.count, to: &out)
            }
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: date)
        out.append(contentsOf: "\r\n".utf8)
        if closeAfter {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http10 {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if bodyAllowed && !headRequest {
            out.append(contentsOf: response.body)
        }
    }

    private static func isServerOwned(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: return equalsIgnoringCase(name, "date")
        case 10: return equalsIgnoringCase(name, "connection")
        case 14: return equalsIgnoringCase(name, "content-length")
        case 17: return equalsIgnoringCase(name, "transfer-encoding")
        default: return false
        }
    }

    private static func isSafe(_ text: String) -> Bool {
        !text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        precondition(value >= 0)
        if value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) + 0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }
}

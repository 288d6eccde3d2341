@testable import HTTP

/// A parsed stream flattened to comparable text, so that feeding styles can be compared.
struct ParsedStream: Equatable {
    var items: [String] = []
    var error: HTTPParseError?
}

/// Feeds `input` in slices of the given sizes (the rest in one go) and records every event.
func parse(_ input: [UInt8], slices: [Int] = [], limits: HTTPLimits = HTTPLimits()) -> ParsedStream {
    var parser = HTTPRequestParser(limits: limits)
    var result = ParsedStream()
    var offset = 0
    var sizes = slices[...]
    while offset < input.count || offset == 0 {
        let size = sizes.popFirst() ?? (input.count - offset)
        let end = min(input.count, offset + max(size, 1))
        parser.append(input[offset..<end])
        offset = end
        do {
            while let event = try parser.next() {
                switch event {
                case .head(let head):
                    let fields = head.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
                    result.items.append(
                        "head \(head.method) \(head.target) \(head.version) [\(fields)] \(head.framing) keepAlive=\(head.keepAlive) continue=\(head.expectsContinue)"
                    )
                case .body(let bytes):
                    if let last = result.items.last, last.hasPrefix("body ") {
                        result.items[result.items.count - 1] += String(decoding: bytes, as: UTF8.self)
                    } else {
                        result.items.append("body " + String(decoding: bytes, as: UTF8.self))
                    }
                case .end:
                    result.items.append("end")
                }
            }
        } catch {
            result.error = error
            return result
        }
        if input.isEmpty { break }
    }
    return result
}

func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> ParsedStream {
    parse(Array(text.utf8), limits: limits)
}

func parseError(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
    parse(text, limits: limits).error
}

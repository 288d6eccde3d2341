/// Byte classes and small field parsers from RFC 9110 / RFC 9112.
enum HTTPSyntax {
    private static let tokenBytes: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { return true }
        return "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }

    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool { tokenBytes[Int(byte)] }

    /// VCHAR, obs-text, SP and HTAB: everything but control characters.
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool { byte >= 0x20 ? byte != 0x7F : byte == 0x09 }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x61...0x66: return byte - 0x61 + 10
        case 0x41...0x46: return byte - 0x41 + 10
        default: return nil
        }
    }

    /// Digits only, at most 18 of them so the value cannot overflow.
    static func parseContentLength(_ value: String) throws(HTTPParseError) -> Int {
        var result = 0
        var digits = 0
        for byte in value.utf8 {
            guard isDigit(byte), digits < 18 else { throw .invalidContentLength }
            result = result * 10 + Int(byte - 0x30)
            digits += 1
        }
        guard digits > 0 else { throw .invalidContentLength }
        return result
    }

    /// Calls `body` with each comma-separated element of a list field, trimmed of whitespace.
    static func forEachToken(_ value: String, _ body: (Substring) -> Void) {
        for element in value.split(separator: ",") {
            body(element.trimmingWhitespace())
        }
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}

/// The shapes of text Laurel accepts, so that every field of a kind is checked the same way.
public enum TextRule: Sendable {
    /// Caller-chosen identifiers: 1–128 of `A–Z a–z 0–9 . _ : @ -`, not starting with a dot.
    case identifier
    /// Free words such as a kind or a role: 1–64 letters, digits, `_` or `-`, kept as spelt.
    case word
    /// Human text such as a name: 1–`max` characters, no control characters.
    case text(max: Int)

    public static let identifierBytesMax = 128
    public static let wordBytesMax = 64

    public func problem(with value: String) -> String? {
        switch self {
        case .identifier:
            if value.isEmpty || value.utf8.count > Self.identifierBytesMax {
                return "must be 1 to \(Self.identifierBytesMax) characters"
            }
            if value.hasPrefix(".") || !value.utf8.allSatisfy(Self.isIdentifierByte) {
                return "may contain only letters, digits and . _ : @ - (not starting with .)"
            }
            return nil
        case .word:
            if value.isEmpty || value.utf8.count > Self.wordBytesMax {
                return "must be 1 to \(Self.wordBytesMax) characters"
            }
            if !value.utf8.allSatisfy(Self.isWordByte) {
                return "may contain only letters, digits, _ and -"
            }
            return nil
        case .text(let max):
            if value.isEmpty || value.count > max { return "must be 1 to \(max) characters" }
            if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return "must not contain control characters"
            }
            return nil
        }
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isWordByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}

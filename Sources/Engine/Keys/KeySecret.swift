import Digest

/// The text form of an API key: `lrl_<id>_<secret>`. The id locates the stored hash in one
/// lookup; the whole text is hashed with SHA-256 and compared in constant time. The secret has
/// 190 bits of randomness from the system generator (getrandom).
public struct KeySecret: Sendable {
    public static let prefix = "lrl_"
    static let idLength = 12
    static let secretLength = 32
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    public let id: String
    public let text: String

    /// A new random key.
    public static func generate() -> KeySecret {
        var generator = SystemRandomNumberGenerator()
        let id = randomText(length: idLength, using: &generator)
        let secret = randomText(length: secretLength, using: &generator)
        return KeySecret(id: id, text: "\(prefix)\(id)_\(secret)")
    }

    /// Reads a presented key; nil when it is not of Laurel's shape.
    public static func parse(_ text: String) -> KeySecret? {
        guard text.hasPrefix(prefix), text.utf8.count <= 200 else { return nil }
        let rest = text.dropFirst(prefix.count)
        guard let separator = rest.firstIndex(of: "_") else { return nil }
        let id = String(rest[..<separator])
        let secret = rest[rest.index(after: separator)...]
        guard !id.isEmpty, !secret.isEmpty, id.utf8.allSatisfy(isAlphanumeric), secret.utf8.allSatisfy(isAlphanumeric)
        else { return nil }
        return KeySecret(id: id, text: text)
    }

    public var hash: [UInt8] { SHA256.hash(text) }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// True when this presented key is the one whose hash was stored.
    public func matches(_ storedHash: [UInt8]) -> Bool {
        ConstantTime.equals(hash, storedHash)
    }

    private static func randomText(length: Int, using generator: inout SystemRandomNumberGenerator) -> String {
        // Int.random(in:) is uniform over the range (it rejects biased draws itself).
        let characters = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(decoding: characters, as: UTF8.self)
    }
}

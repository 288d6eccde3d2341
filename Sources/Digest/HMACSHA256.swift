/// HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256): signs webhook deliveries. Checked against the
/// RFC 4231 vectors in tests.
public struct HMACSHA256: Sendable {
    public static let macBytes = SHA256.digestBytes

    private var inner = SHA256()
    private let outerKey: [UInt8]

    /// A key longer than a block is hashed first; a shorter one is padded with zeros (RFC 2104).
    public init(key: some Collection<UInt8>) {
        var block = key.count > SHA256.blockBytes ? SHA256.hash(key) : Array(key)
        block += [UInt8](repeating: 0, count: SHA256.blockBytes - block.count)
        inner.update(block.map { $0 ^ 0x36 })
        outerKey = block.map { $0 ^ 0x5c }
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        inner.update(bytes)
    }

    public func finalize() -> [UInt8] {
        var outer = SHA256()
        outer.update(outerKey)
        var copy = inner
        outer.update(copy.finalize())
        return outer.finalize()
    }

    public static func authenticationCode(key: some Collection<UInt8>, message: some Sequence<UInt8>) -> [UInt8] {
        var mac = HMACSHA256(key: key)
        mac.update(message)
        return mac.finalize()
    }

    public static func hexAuthenticationCode(key: String, message: String) -> String {
        Hex.encode(authenticationCode(key: Array(key.utf8), message: message.utf8))
    }
}

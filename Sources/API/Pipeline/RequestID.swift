import Synchronization

/// Request ids: the caller's `X-Request-Id` when it is sane, else a process-unique one made of a
/// random prefix and a counter (cheaper than random bytes per request, and still unique across
/// restarts).
enum RequestID {
    private static let prefix: String = {
        var generator = SystemRandomNumberGenerator()
        let random: UInt64 = generator.next()
        return String(random & 0xFFFF_FFFF, radix: 16)
    }()
    private static let counter = Atomic<UInt64>(0)

    static func make(incoming: String?) -> String {
        if let incoming, isAcceptable(incoming) { return incoming }
        let next = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return "\(prefix)-\(String(next, radix: 16))"
    }

    /// At most 128 visible ASCII characters: it goes into logs and headers verbatim.
    static func isAcceptable(_ text: String) -> Bool {
        let bytes = text.utf8
        return !bytes.isEmpty && bytes.count <= 128 && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") }
    }
}

/// List cursors are opaque to callers: the sort key of the last item, base64url-encoded with a
/// version tag so that their form can change without breaking saved cursors silently.
enum Cursor {
    private static let tag = "c1:"
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ key: String) -> String {
        let bytes = Array((tag + key).utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - offset * 8) }
            for position in 0..<(chunk.count + 1) { output.append(alphabet[(value >> (18 - position * 6)) & 63]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// nil when the text is not a cursor Laurel made.
    static func decode(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= 1024 else { return nil }
        var bytes: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.utf8 {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self), decoded.hasPrefix(tag) else { return nil }
        return String(decoded.dropFirst(tag.count))
    }
}

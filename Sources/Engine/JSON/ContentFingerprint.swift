import Digest

/// The identity of a request's content: hex SHA-256 of its canonical JSON (every object's keys
/// sorted by UTF-8 bytes, recursively). Writes that are idempotent by a caller's id (events,
/// redemptions) compare it to tell a retry of the same request from another one under a used id.
public enum ContentFingerprint {
    public static func of(_ document: JSONValue) -> String {
        SHA256.hexHash(JSONWriter.bytes(document.canonical))
    }
}

import Digest

/// The identity of an event's content: hex SHA-256 of a canonical JSON form in which every
/// object's keys are sorted (by UTF-8 bytes, recursively) and `occurred_at` is integer
/// milliseconds. The same event re-sent with its keys in another order, or its time written with
/// another offset, has the same fingerprint; any changed value gives another.
public enum EventFingerprint {
    /// `occurredAt` is nil when the caller did not send one: the server's "now" is not part of what
    /// was sent, so a retry of the same body, arriving later, is still the same event.
    public static func of(
        id: String, type: String, memberID: String?, organizationID: String?, occurredAt: Timestamp?,
        properties: JSONObject
    ) -> String {
        let canonical: JSONValue = .object(JSONObject([
            ("id", .string(id)),
            ("member_id", .optional(memberID)),
            ("occurred_at", occurredAt.map { .int($0.millisecondsSinceEpoch) } ?? .null),
            ("organization_id", .optional(organizationID)),
            ("properties", JSONValue.object(properties).canonical),
            ("type", .string(type)),
        ]))
        return SHA256.hexHash(JSONWriter.bytes(canonical))
    }
}

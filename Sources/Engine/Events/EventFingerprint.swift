/// The identity of an event's content: the `ContentFingerprint` of the event with `occurred_at`
/// as integer milliseconds. The same event re-sent with its keys in another order, or its time
/// written with another offset, has the same fingerprint; any changed value gives another.
public enum EventFingerprint {
    /// `occurredAt` is nil when the caller did not send one: the server's "now" is not part of what
    /// was sent, so a retry of the same body, arriving later, is still the same event.
    public static func of(
        id: String, type: String, memberID: String?, organizationID: String?, occurredAt: Timestamp?,
        properties: JSONObject
    ) -> String {
        ContentFingerprint.of(.object(JSONObject([
            ("id", .string(id)),
            ("member_id", .optional(memberID)),
            ("occurred_at", occurredAt.map { .int($0.millisecondsSinceEpoch) } ?? .null),
            ("organization_id", .optional(organizationID)),
            ("properties", .object(properties)),
            ("type", .string(type)),
        ])))
    }
}

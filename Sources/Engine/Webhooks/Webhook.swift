/// A URL subscribed to kinds of notifications and domain events (`WebhookKinds`). Deliveries are
/// signed with `secret` (`WebhookSignature`), which is write-only: the API shows that one is set
/// and its last four characters, never the secret itself, and neither does the audit log.
public struct Webhook: Sendable, Equatable {
    public var id: String
    public var url: WebhookURL
    /// Subscription patterns: kinds, `family.*` or `*`.
    public var kinds: [String]
    public var secret: String
    /// An inactive webhook gets no new deliveries, and those waiting wait until it is active again.
    public var active: Bool
    public var description: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public static let secretBytesMin = 16
    public static let secretBytesMax = 256
    public static let kindsMax = 50

    public init(
        id: String, url: WebhookURL, kinds: [String], secret: String, active: Bool, description: String?, createdAt: Timestamp,
        updatedAt: Timestamp
    ) {
        self.id = id
        self.url = url
        self.kinds = kinds
        self.secret = secret
        self.active = active
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether one of the webhook's patterns covers `kind`.
    public func subscribes(to kind: String) -> Bool {
        kinds.contains { WebhookKinds.pattern($0, covers: kind) }
    }
}

extension Webhook: ConfigurationObject {
    public static let kind = "webhook"
    public static let kindPlural = "webhooks"

    /// What the API answers and the audit log keeps: no secret, only that one is set and how it ends.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("url", .string(url.description)), ("kinds", .array(kinds.map(JSONValue.string))),
            ("active", .bool(active)), ("description", .optional(description)),
            ("secret_set", true), ("secret_last4", .string(String(secret.suffix(4)))),
            ("created_at", .string(createdAt.rfc3339)), ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

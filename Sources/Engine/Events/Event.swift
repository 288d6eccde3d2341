/// Something that happened, as recorded: the caller's `id` is the idempotency key. Kept forever;
/// a reversal (a deal cancelled) sets `reversedAt` and never deletes it.
public struct Event: Sendable, Equatable {
    public var id: String
    /// Such as `deal.closed`; see `EventTypeRule`.
    public var type: String
    public var memberID: String?
    /// As sent, or, when only a member was named, the member's organization when the event was
    /// recorded: so that organization counters include their members' events even after a move.
    public var organizationID: String?
    public var occurredAt: Timestamp
    public var receivedAt: Timestamp
    public var properties: JSONObject
    /// Hex SHA-256 of the event as sent (see `EventFingerprint`): tells a replay from a conflict.
    public var fingerprint: String
    public var reversedAt: Timestamp?

    public init(
        id: String, type: String, memberID: String?, organizationID: String?, occurredAt: Timestamp,
        receivedAt: Timestamp, properties: JSONObject, fingerprint: String, reversedAt: Timestamp? = nil
    ) {
        self.id = id
        self.type = type
        self.memberID = memberID
        self.organizationID = organizationID
        self.occurredAt = occurredAt
        self.receivedAt = receivedAt
        self.properties = properties
        self.fingerprint = fingerprint
        self.reversedAt = reversedAt
    }
}

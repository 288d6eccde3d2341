/// One line of the audit log: who changed what, when, and how it looked before and after.
public struct AuditEntry: Sendable, Equatable {
    /// Assigned by the store, increasing; doubles as the list cursor.
    public var sequence: Int64?
    public var at: Timestamp
    /// The key that acted; nil for the operator's own CLI and the first start.
    public var keyID: String?
    /// `organization.put`, `member.delete`, `key.create`, …
    public var action: String
    public var entityKind: String
    public var entityID: String
    public var before: JSONValue?
    public var after: JSONValue?
    public var requestID: String?

    public init(
        sequence: Int64? = nil, at: Timestamp, keyID: String?, action: String, entityKind: String, entityID: String,
        before: JSONValue?, after: JSONValue?, requestID: String?
    ) {
        self.sequence = sequence
        self.at = at
        self.keyID = keyID
        self.action = action
        self.entityKind = entityKind
        self.entityID = entityID
        self.before = before
        self.after = after
        self.requestID = requestID
    }
}

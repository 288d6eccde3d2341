/// Who makes a change, when, and under which request: what every write records in the audit log.
public struct ChangeContext: Sendable {
    /// Nil for the operator's CLI and the first start, which act without a key.
    public var principal: Principal?
    public var at: Timestamp
    public var requestID: String?

    public init(principal: Principal?, at: Timestamp, requestID: String?) {
        self.principal = principal
        self.at = at
        self.requestID = requestID
    }

    func audit(_ action: String, _ kind: String, _ id: String, before: JSONValue?, after: JSONValue?) -> AuditEntry {
        AuditEntry(
            at: at, keyID: principal?.keyID, action: action, entityKind: kind, entityID: id,
            before: before, after: after, requestID: requestID)
    }
}

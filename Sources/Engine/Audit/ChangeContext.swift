/// Who makes a change, when, and under which request: what every write records in the audit log.
public struct ChangeContext: Sendable {
    /// Nil for the operator's CLI and the first start, which act without a key.
    public var principal: Principal?
    public var at: Timestamp
    public var requestID: String?
    /// The program's time zone, for what a change re-evaluates at once (tier upgrades whose
    /// `calendar_year` window starts at local New Year).
    public var timeZone: ProgramTimeZone

    public init(principal: Principal?, at: Timestamp, requestID: String?, timeZone: ProgramTimeZone = .utc) {
        self.principal = principal
        self.at = at
        self.requestID = requestID
        self.timeZone = timeZone
    }

    func audit(_ action: String, _ kind: String, _ id: String, before: JSONValue?, after: JSONValue?) -> AuditEntry {
        AuditEntry(
            at: at, keyID: principal?.keyID, action: action, entityKind: kind, entityID: id,
            before: before, after: after, requestID: requestID)
    }
}

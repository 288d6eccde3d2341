public struct AuditFilter: Sendable, Equatable {
    public var entityKind: String?
    public var entityID: String?
    public var keyID: String?
    public var action: String?

    public init(entityKind: String? = nil, entityID: String? = nil, keyID: String? = nil, action: String? = nil) {
        self.entityKind = entityKind
        self.entityID = entityID
        self.keyID = keyID
        self.action = action
    }
}

public protocol AuditReader {
    /// Newest first; `page.after` is the sequence number of the last entry seen.
    func auditEntries(_ filter: AuditFilter, page: PageRequest) throws -> Page<AuditEntry>
}

public protocol AuditWriter: AuditReader {
    func append(_ entry: AuditEntry) throws
}

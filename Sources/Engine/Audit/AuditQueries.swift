public enum AuditQueries {
    public static func list(_ filter: AuditFilter, page: PageRequest, as principal: Principal, in store: any StoreReader) throws -> Page<AuditEntry> {
        guard principal.isAdmin else { throw DomainError.forbidden("only admin keys read the audit log") }
        return try store.auditEntries(filter, page: page)
    }
}

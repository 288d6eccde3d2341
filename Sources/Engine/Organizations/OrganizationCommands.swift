/// What keys may do with organizations. Visibility first: an organization a key may not see is
/// reported exactly like one that does not exist.
public enum OrganizationCommands {
    /// The deepest distributor → reseller chain accepted; also bounds the cycle check.
    public static let parentDepthMax = 16

    public struct PutOutcome: Sendable {
        public var organization: Organization
        public var created: Bool
    }

    public static func get(_ id: String, as principal: Principal, in store: any StoreReader) throws -> Organization {
        guard principal.canSee(organizationID: id), let organization = try store.organization(id: id) else {
            throw DomainError.notFound(kind: "organization", id: id)
        }
        return organization
    }

    public static func list(
        _ filter: OrganizationFilter, page: PageRequest, as principal: Principal, in store: any StoreReader
    ) throws -> Page<Organization> {
        var scoped = filter
        if principal.role == .partner { scoped.onlyID = principal.organizationID ?? "" }
        return try store.organizations(scoped, page: page)
    }

    public static func put(
        _ id: String, _ draft: OrganizationDraft, context: ChangeContext, in store: any StoreWriter
    ) throws -> PutOutcome {
        try requireDirectoryManager(context, id: id)
        let before = try store.organization(id: id)
        if let parentID = draft.parentID { try checkParent(parentID, of: id, in: store) }
        let organization = draft.organization(id: id, createdAt: before?.createdAt ?? context.at, updatedAt: context.at)
        if let before, before.withUpdatedAt(context.at) == organization {
            return PutOutcome(organization: before, created: false)  // nothing changed: no write, no audit
        }
        try store.save(organization)
        try store.append(context.audit("organization.put", "organization", id, before: before?.json, after: organization.json))
        // A tier criterion may read one of its attributes: upgrades are due now, not at the next award.
        if organization.attributes != before?.attributes ?? JSONObject() {
            _ = try TierKeeper.upgrade([.organization(id)], at: context.at, timeZone: context.timeZone, in: store)
        }
        return PutOutcome(organization: organization, created: before == nil)
    }

    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try requireDirectoryManager(context, id: id)
        guard let before = try store.organization(id: id) else { throw DomainError.notFound(kind: "organization", id: id) }
        let members = try store.memberCount(organizationID: id)
        if members > 0 {
            throw DomainError.conflict(
                "organization \(id) still has \(members) member(s); move or delete them first, or set its status to archived")
        }
        let children = try store.childOrganizationCount(of: id)
        if children > 0 {
            throw DomainError.conflict("organization \(id) is the parent of \(children) organization(s)")
        }
        let keys = try store.activeKeyCount(organizationID: id)
        if keys > 0 {
            throw DomainError.conflict("organization \(id) has \(keys) active partner key(s); revoke them first")
        }
        try store.deleteOrganization(id: id)
        try store.append(context.audit("organization.delete", "organization", id, before: before.json, after: nil))
    }

    /// Partner keys may read their own organization but not change it: 404 elsewhere, 403 there.
    private static func requireDirectoryManager(_ context: ChangeContext, id: String) throws {
        guard let principal = context.principal, !principal.managesDirectory else { return }
        guard principal.canSee(organizationID: id) else { throw DomainError.notFound(kind: "organization", id: id) }
        throw DomainError.forbidden("a \(principal.role.rawValue) key cannot change organizations")
    }

    /// The parent must exist, be visible, and not have `id` above it.
    private static func checkParent(_ parentID: String, of id: String, in store: any StoreReader) throws {
        var current: String? = parentID
        var depth = 0
        while let next = current {
            guard let ancestor = try store.organization(id: next) else {
                let what = next == parentID ? "no such organization" : "its ancestor \(next) does not exist"
                throw DomainError.unprocessable([ValidationError(path: "$.parent_id", message: what)])
            }
            if ancestor.id == id {
                throw DomainError.unprocessable([ValidationError(
                    path: "$.parent_id", message: "\(parentID) is below \(id); a parent chain cannot loop")])
            }
            depth += 1
            if depth > parentDepthMax {
                throw DomainError.unprocessable([ValidationError(
                    path: "$.parent_id", message: "parent chains are at most \(parentDepthMax) levels deep")])
            }
            current = ancestor.parentID
        }
    }
}

extension Organization {
    func withUpdatedAt(_ at: Timestamp) -> Organization {
        var copy = self
        copy.updatedAt = at
        return copy
    }
}

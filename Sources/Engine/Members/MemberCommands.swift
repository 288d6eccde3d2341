/// What keys may do with members. A partner key manages the members of its own organization and
/// sees nothing else; an id outside its scope answers as if it did not exist.
public enum MemberCommands {
    public struct PutOutcome: Sendable {
        public var member: Member
        public var created: Bool
        public var moved: Bool
    }

    /// A member with the organizations it has belonged to.
    public struct Profile: Sendable {
        public var member: Member
        public var history: [Membership]
        /// True when the write that produced this profile created the member.
        public var created: Bool

        public init(member: Member, history: [Membership], created: Bool = false) {
            self.member = member
            self.history = history
            self.created = created
        }

        public var json: JSONValue {
            guard case .object(var object) = member.json else { return member.json }
            object["organization_history"] = .array(history.map(\.json))
            return .object(object)
        }
    }

    public static func get(_ id: String, as principal: Principal, in store: any StoreReader) throws -> Profile {
        guard let member = try store.member(id: id), principal.canSee(organizationID: member.organizationID) else {
            throw DomainError.notFound(kind: "member", id: id)
        }
        return try profile(of: member, in: store)
    }

    /// The member with every organization it has belonged to, the current one last.
    public static func profile(of member: Member, created: Bool = false, in store: any StoreReader) throws -> Profile {
        let current = Membership(memberID: member.id, organizationID: member.organizationID, joinedAt: member.joinedAt)
        return Profile(member: member, history: try store.pastMemberships(memberID: member.id) + [current], created: created)
    }

    public static func list(
        _ filter: MemberFilter, page: PageRequest, as principal: Principal, in store: any StoreReader
    ) throws -> Page<Member> {
        var scoped = filter
        if principal.role == .partner, let own = principal.organizationID {
            if let asked = filter.organizationID, asked != own { return Page(items: [], nextAfter: nil) }
            scoped.organizationID = own
        }
        return try store.members(scoped, page: page)
    }

    /// The members of one organization; 404 when the organization is not visible.
    public static func list(
        ofOrganization organizationID: String, _ filter: MemberFilter, page: PageRequest, as principal: Principal,
        in store: any StoreReader
    ) throws -> Page<Member> {
        _ = try OrganizationCommands.get(organizationID, as: principal, in: store)
        var scoped = filter
        scoped.organizationID = organizationID
        return try store.members(scoped, page: page)
    }

    public static func put(
        _ id: String, _ draft: MemberDraft, context: ChangeContext, in store: any StoreWriter
    ) throws -> PutOutcome {
        let before = try store.member(id: id)
        if let principal = context.principal {
            if let before, !principal.canSee(organizationID: before.organizationID) {
                throw DomainError.notFound(kind: "member", id: id)
            }
            if !principal.canManageMembers(of: draft.organizationID) {
                guard principal.role == .partner else {
                    throw DomainError.forbidden("a \(principal.role.rawValue) key cannot change members")
                }
                throw unknownOrganization(draft.organizationID)
            }
        }
        guard try store.organizationExists(id: draft.organizationID) else { throw unknownOrganization(draft.organizationID) }
        let moved = before.map { $0.organizationID != draft.organizationID } ?? false
        let joinedAt = moved ? context.at : before?.joinedAt ?? context.at
        let member = draft.member(id: id, joinedAt: joinedAt, createdAt: before?.createdAt ?? context.at, updatedAt: context.at)
        if let before, before.withUpdatedAt(context.at) == member {
            return PutOutcome(member: before, created: false, moved: false)
        }
        try store.save(member)
        if moved, let before {
            try store.recordPastMembership(Membership(
                memberID: id, organizationID: before.organizationID, joinedAt: before.joinedAt, leftAt: context.at))
        }
        try store.append(context.audit(moved ? "member.move" : "member.put", "member", id, before: before?.json, after: member.json))
        // A tier criterion may read one of the member's attributes, and a member who moves with a
        // badge counts for the new organization's `members_with_badge` criteria: upgrades are due
        // now, not at the next award.
        var holders: [LedgerHolder] = []
        if member.attributes != before?.attributes ?? JSONObject() { holders.append(.member(id)) }
        if moved { holders.append(.organization(member.organizationID)) }
        _ = try TierKeeper.upgrade(holders, at: context.at, timeZone: context.timeZone, in: store)
        return PutOutcome(member: member, created: before == nil, moved: moved)
    }

    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        guard let before = try store.member(id: id) else { throw DomainError.notFound(kind: "member", id: id) }
        if let principal = context.principal {
            guard principal.canSee(organizationID: before.organizationID) else {
                throw DomainError.notFound(kind: "member", id: id)
            }
            guard principal.canManageMembers(of: before.organizationID) else {
                throw DomainError.forbidden("a \(principal.role.rawValue) key cannot change members")
            }
        }
        try store.deleteMember(id: id)
        try store.append(context.audit("member.delete", "member", id, before: before.json, after: nil))
    }

    private static func unknownOrganization(_ id: String) -> DomainError {
        .unprocessable([ValidationError(path: "$.organization_id", message: "no such organization: \(id)")])
    }
}

extension Member {
    func withUpdatedAt(_ at: Timestamp) -> Member {
        var copy = self
        copy.updatedAt = at
        return copy
    }
}

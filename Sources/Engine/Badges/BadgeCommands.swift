/// Badges are program configuration: every key may read them, only admin keys change them.
public enum BadgeCommands {
    /// A member's badge list answers at most this many, newest first.
    public static let memberBadgesMax = 1_000

    public static func get(_ id: String, in store: any StoreReader) throws -> Badge {
        try ConfigurationWrites.get(id, load: store.badge(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Badge> {
        try store.badges(page: page)
    }

    public static func put(_ id: String, _ draft: BadgeDraft, context: ChangeContext, in store: any StoreWriter) throws -> ConfigurationWrites.Put<Badge> {
        return try ConfigurationWrites.put(
            id, context: context, in: store, load: store.badge(id:),
            make: { draft.badge(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save)
    }

    /// Members keep the badges they earned; their list shows a null name for a deleted badge.
    /// Refused (409, listing each) while a live rule awards it or a tier ladder counts its holders.
    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(
            id, context: context, in: store, load: store.badge(id:),
            references: { try ConfigurationReferences.toBadge($0, in: store) }, remove: store.deleteBadge)
    }

    /// `{"badges": [...]}` of a member the caller may see (404 otherwise), newest first.
    public static func memberBadges(
        _ memberID: String, includeRevoked: Bool, as principal: Principal, in store: any StoreReader
    ) throws -> JSONValue {
        let member = try MemberCommands.get(memberID, as: principal, in: store).member
        let held = try store.memberBadges(memberID: member.id, includeRevoked: includeRevoked, limit: memberBadgesMax)
        var names: [String: String?] = [:]
        let items = try held.map { earned -> JSONValue in
            if names[earned.badgeID] == nil { names[earned.badgeID] = .some(try store.badge(id: earned.badgeID)?.name) }
            return earned.json(name: names[earned.badgeID] ?? nil)
        }
        return .object(JSONObject([("badges", .array(items))]))
    }
}

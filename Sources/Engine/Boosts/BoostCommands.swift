/// Reading a member's boosts: whoever may see the member (a partner key only within its organization).
public enum BoostCommands {
    public static func list(
        ofMember memberID: String, activeOnly: Bool, page: PageRequest, as principal: Principal, at: Timestamp,
        in store: any StoreReader
    ) throws -> Page<Boost> {
        let member = try MemberCommands.get(memberID, as: principal, in: store).member
        return try store.boosts(memberID: member.id, activeAt: activeOnly ? at : nil, page: page)
    }
}

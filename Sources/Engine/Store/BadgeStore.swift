public protocol BadgeReader {
    func badge(id: String) throws -> Badge?
    /// Ordered by id.
    func badges(page: PageRequest) throws -> Page<Badge>
    /// Every badge whose criterion counts events of `eventType`.
    func badges(criterionEventType eventType: String) throws -> [Badge]
    /// Whether the member holds the badge now (earned and not revoked).
    func holdsBadge(memberID: String, badgeID: String) throws -> Bool
    /// The member's badges, newest first (then by badge id), at most `limit`.
    func memberBadges(memberID: String, includeRevoked: Bool, limit: Int) throws -> [MemberBadge]
    /// How many current members of the organization hold the badge now (tier criteria).
    func membersHoldingBadge(organizationID: String, badgeID: String) throws -> Int
}

public protocol BadgeWriter: BadgeReader {
    /// Inserts or replaces by id.
    func save(_ badge: Badge) throws
    func deleteBadge(id: String) throws
    /// Records an earned badge; one event earns a given badge for a member at most once.
    func insert(_ memberBadge: MemberBadge) throws
    /// Revokes every badge `eventID` earned that is not revoked yet, and returns them as revoked.
    func revokeBadges(eventID: String, at: Timestamp) throws -> [MemberBadge]
    /// Revokes the member's held instances of the badge (only the one `eventID` earned, when
    /// given) and returns them as revoked, oldest first.
    func revokeBadges(memberID: String, badgeID: String, eventID: String?, at: Timestamp) throws -> [MemberBadge]
}

public protocol FeedReader {
    /// Feed items with seq below `before` (all when nil), newest first, of one organization (or
    /// the whole program when nil), at most `limit`.
    func feedItems(organizationID: String?, before: Int64?, limit: Int) throws -> [FeedItem]
}

/// One public achievement as recorded (Migrations/0018); `Feed` decides what is shown.
public struct FeedItem: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case badge, tier, leaderboard, goal, quest
    }

    public var seq: Int64
    public var kind: Kind
    public var memberID: String?
    public var organizationID: String?
    public var at: Timestamp
    public var detail: JSONObject
    /// For a badge: whether it has been revoked since; for a quest: whether its completion was
    /// taken back since (the event that completed it was reversed).
    public var revoked: Bool

    public init(seq: Int64, kind: Kind, memberID: String?, organizationID: String?, at: Timestamp, detail: JSONObject, revoked: Bool = false) {
        self.seq = seq
        self.kind = kind
        self.memberID = memberID
        self.organizationID = organizationID
        self.at = at
        self.detail = detail
        self.revoked = revoked
    }
}

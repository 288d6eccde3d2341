public protocol NotificationReader {
    /// The member's notifications, newest first, at most `limit`.
    func notifications(memberID: String, limit: Int) throws -> [MemberNotification]
    /// A page of the member's inbox, newest first: ids below `before` (all when nil), only the
    /// unread ones when asked, at most `limit`.
    func notifications(memberID: String, unreadOnly: Bool, before: Int64?, limit: Int) throws -> [MemberNotification]
}

public protocol NotificationWriter: NotificationReader {
    /// Stores a notification and returns it with its id.
    func insert(_ notification: MemberNotification) throws -> MemberNotification
    /// Marks the member's unread notifications read at `at` — those of `ids`, or all when nil —
    /// and answers how many it marked.
    func markNotificationsRead(memberID: String, ids: [Int64]?, at: Timestamp) throws -> Int
}

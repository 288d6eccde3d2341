public protocol NotificationReader {
    /// The member's notifications, newest first, at most `limit`.
    func notifications(memberID: String, limit: Int) throws -> [MemberNotification]
}

public protocol NotificationWriter: NotificationReader {
    /// Stores a notification and returns it with its id.
    func insert(_ notification: MemberNotification) throws -> MemberNotification
}

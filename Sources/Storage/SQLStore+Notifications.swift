import Engine
import SQLite

extension SQLStore {
    private static let notificationColumns =
        "id, member_id, kind, template, payload, event_id, rule_id, rule_version, created_at, read_at"

    func notifications(memberID: String, limit: Int) throws -> [MemberNotification] {
        try connection.query(
            "SELECT \(Self.notificationColumns) FROM notifications WHERE member_id = ? ORDER BY id DESC LIMIT ?",
            [.text(memberID), .integer(Int64(limit))]
        ).map(Self.notification)
    }

    func notifications(memberID: String, unreadOnly: Bool, before: Int64?, limit: Int) throws -> [MemberNotification] {
        try connection.query(
            """
            SELECT \(Self.notificationColumns) FROM notifications
            WHERE member_id = ? AND id < ?\(unreadOnly ? " AND read_at IS NULL" : "") ORDER BY id DESC LIMIT ?
            """,
            [.text(memberID), .integer(before ?? Int64.max), .integer(Int64(limit))]
        ).map(Self.notification)
    }

    func markNotificationsRead(memberID: String, ids: [Int64]?, at: Timestamp) throws -> Int {
        guard let ids else {
            try connection.run("UPDATE notifications SET read_at = ? WHERE member_id = ? AND read_at IS NULL", [SQLiteValue(at), .text(memberID)])
            return connection.changes
        }
        guard !ids.isEmpty else { return 0 }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try connection.run(
            "UPDATE notifications SET read_at = ? WHERE member_id = ? AND read_at IS NULL AND id IN (\(placeholders))",
            [SQLiteValue(at), .text(memberID)] + ids.map { .integer($0) })
        return connection.changes
    }

    func insert(_ notification: MemberNotification) throws -> MemberNotification {
        try connection.run(
            """
            INSERT INTO notifications (member_id, kind, template, payload, event_id, rule_id, rule_version, created_at, read_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(notification.memberID), .text(notification.kind), SQLiteValue(notification.template),
             SQLiteValue(json: .object(notification.payload)), SQLiteValue(notification.eventID), SQLiteValue(notification.ruleID),
             SQLiteValue(notification.ruleVersion), SQLiteValue(notification.createdAt), SQLiteValue(notification.readAt)])
        var stored = notification
        stored.id = connection.lastInsertRowID
        return stored
    }

    private static func notification(_ row: SQLiteRow) throws -> MemberNotification {
        guard let id = row.int64("id") else { throw StorageError.corrupt("a notification row lacks its id") }
        return MemberNotification(
            id: id, memberID: try row.requiredString("member_id"), kind: try row.requiredString("kind"), template: row.string("template"),
            payload: try row.jsonObject("payload"), eventID: row.string("event_id"), ruleID: row.string("rule_id"),
            ruleVersion: row.int("rule_version"), createdAt: try row.timestamp("created_at"), readAt: row.optionalTimestamp("read_at"))
    }
}

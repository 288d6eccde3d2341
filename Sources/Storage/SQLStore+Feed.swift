import Engine
import SQLite

extension SQLStore {
    /// Newest first by seq; a badge item carries whether the badge it records was revoked since, a
    /// quest item whether that completion still stands (a reversal reopens the quest; completing
    /// it again is a new item), in the quest's live enrollment or in one retired when the quest was
    /// deleted (migration 0038), of which there may be several.
    func feedItems(organizationID: String?, before: Int64?, limit: Int) throws -> [FeedItem] {
        let scope = organizationID == nil ? "" : " AND f.organization_id = ?"
        var arguments: [SQLiteValue] = [.integer(before ?? Int64.max)]
        if let organizationID { arguments.append(.text(organizationID)) }
        arguments.append(.integer(Int64(limit)))
        return try connection.query(
            """
            SELECT f.seq, f.kind, f.member_id, f.organization_id, f.at, f.detail,
                   b.revoked_at IS NOT NULL OR (f.kind = 'quest'
                       AND NOT EXISTS (SELECT 1 FROM quest_enrollments q WHERE q.quest_id = json_extract(f.detail, '$.quest_id')
                                       AND q.member_id = f.member_id AND q.completed_at = f.at)
                       AND NOT EXISTS (SELECT 1 FROM quest_enrollments_retired r WHERE r.quest_id = json_extract(f.detail, '$.quest_id')
                                       AND r.member_id = f.member_id AND r.completed_at = f.at)) AS revoked
            FROM feed_items f
            LEFT JOIN member_badges b ON f.kind = 'badge' AND b.member_id = f.member_id
                AND b.badge_id = json_extract(f.detail, '$.badge_id') AND b.event_id = json_extract(f.detail, '$.event_id')
            WHERE f.seq < ?\(scope) ORDER BY f.seq DESC LIMIT ?
            """, arguments
        ).map { row in
            guard let seq = row.int64("seq"), let kind = row.string("kind").flatMap(FeedItem.Kind.init(rawValue:)) else {
                throw StorageError.corrupt("feed item without seq or kind")
            }
            return FeedItem(
                seq: seq, kind: kind, memberID: row.string("member_id"), organizationID: row.string("organization_id"),
                at: try row.timestamp("at"), detail: try row.jsonObject("detail"), revoked: row.int64("revoked") == 1)
        }
    }
}

import Engine
import SQLite

extension SQLStore {
    func tierStates(ladderID: String, afterHolder: String?, limit: Int) throws -> [TierState] {
        // tier_states_by_ladder holds (ladder_id) with the primary key (holder, ladder_id) behind it.
        try connection.query(
            "SELECT holder, level_id, since FROM tier_states WHERE ladder_id = ? AND holder > ? ORDER BY holder LIMIT ?",
            [.text(ladderID), .text(afterHolder ?? ""), .integer(Int64(limit))]
        ).map { row in
            TierState(holder: try row.ledgerHolder("holder"), ladderID: ladderID, levelID: try row.requiredString("level_id"),
                      since: try row.timestamp("since"))
        }
    }

    func tierWatch(holder: LedgerHolder, ladderID: String) throws -> TierWatch? {
        try connection.queryOne(
            "SELECT \(Self.watchColumns) FROM tier_watches WHERE ladder_id = ? AND holder = ?",
            [.text(ladderID), .text(holder.description)]
        ).map(Self.watch)
    }

    func tierWatches(ladderID: String, afterHolder: String?, limit: Int) throws -> [TierWatch] {
        try connection.query(
            "SELECT \(Self.watchColumns) FROM tier_watches WHERE ladder_id = ? AND holder > ? ORDER BY holder LIMIT ?",
            [.text(ladderID), .text(afterHolder ?? ""), .integer(Int64(limit))]
        ).map(Self.watch)
    }

    func tierChanges(holder: LedgerHolder, ladderID: String, limit: Int) throws -> [TierChange] {
        try connection.query(
            """
            SELECT from_level, to_level, at, reason FROM tier_changes WHERE holder = ? AND ladder_id = ?
            ORDER BY id DESC LIMIT ?
            """, [.text(holder.description), .text(ladderID), .integer(Int64(limit))]
        ).map { row in
            TierChange(holder: holder, ladderID: ladderID, from: row.string("from_level"), to: try row.requiredString("to_level"),
                       at: try row.timestamp("at"), reason: try row.requiredString("reason"))
        }
    }

    func save(_ watch: TierWatch) throws {
        try connection.run(
            """
            INSERT INTO tier_watches (\(Self.watchColumns)) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (ladder_id, holder) DO UPDATE SET level_id = excluded.level_id,
                review_level_id = excluded.review_level_id, review_at = excluded.review_at, at_risk_until = excluded.at_risk_until
            """,
            [.text(watch.ladderID), .text(watch.holder.description), .text(watch.levelID), .text(watch.reviewLevelID),
             SQLiteValue(watch.reviewAt), SQLiteValue(watch.atRiskUntil)])
    }

    func deleteTierWatch(holder: LedgerHolder, ladderID: String) throws {
        try connection.run("DELETE FROM tier_watches WHERE ladder_id = ? AND holder = ?", [.text(ladderID), .text(holder.description)])
    }

    func append(_ change: TierChange) throws {
        try connection.run(
            "INSERT INTO tier_changes (holder, ladder_id, from_level, to_level, at, reason) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(change.holder.description), .text(change.ladderID), SQLiteValue(change.from), .text(change.to),
             SQLiteValue(change.at), .text(change.reason)])
    }

    private static let watchColumns = "ladder_id, holder, level_id, review_level_id, review_at, at_risk_until"

    private static func watch(_ row: SQLiteRow) throws -> TierWatch {
        TierWatch(
            holder: try row.ledgerHolder("holder"), ladderID: try row.requiredString("ladder_id"),
            levelID: try row.requiredString("level_id"), reviewLevelID: try row.requiredString("review_level_id"),
            reviewAt: try row.timestamp("review_at"), atRiskUntil: try row.timestamp("at_risk_until"))
    }
}

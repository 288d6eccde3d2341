import Engine
import SQLite

extension SQLStore {
    func leaderboard(id: String) throws -> Leaderboard? {
        try connection.queryOne("SELECT id, definition, created_at, updated_at FROM leaderboards WHERE id = ?", [.text(id)])
            .map(Self.leaderboard)
    }

    func leaderboards(page: PageRequest) throws -> Page<Leaderboard> {
        let rows = try connection.query(
            "SELECT id, definition, created_at, updated_at FROM leaderboards WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.leaderboard), limit: page.limit, key: \.id)
    }

    func leaderboardFeedPosition() throws -> LeaderboardFeedPosition {
        let row = try connection.queryOne(
            """
            SELECT (SELECT generation FROM configuration_generations WHERE kind = 'leaderboards') AS generation,
                   (SELECT max(id) FROM ledger_postings) AS posting, (SELECT max(seq) FROM change_log) AS seq
            """, [])
        return LeaderboardFeedPosition(
            generation: row?.int64("generation") ?? 0, lastPostingID: row?.int64("posting") ?? 0, lastChangeSeq: row?.int64("seq") ?? 0)
    }

    func leaderboardClosing(boardID: String, period: String) throws -> LeaderboardClosing? {
        try connection.queryOne(
            "SELECT board_id, period, closed_at, winners FROM leaderboard_closings WHERE board_id = ? AND period = ?",
            [.text(boardID), .text(period)]).map(Self.closing)
    }

    func leaderboardClosings(boardID: String, limit: Int) throws -> [LeaderboardClosing] {
        try connection.query(
            "SELECT board_id, period, closed_at, winners FROM leaderboard_closings WHERE board_id = ? ORDER BY closed_at DESC, period DESC LIMIT ?",
            [.text(boardID), .integer(Int64(limit))]).map(Self.closing)
    }

    func insert(_ closing: LeaderboardClosing) throws -> Bool {
        guard case .object(let document) = closing.json, let winners = document["winners"] else { return false }
        try connection.run(
            "INSERT INTO leaderboard_closings (board_id, period, closed_at, winners) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [.text(closing.boardID), .text(closing.period), SQLiteValue(closing.closedAt), SQLiteValue(json: winners)])
        return connection.changes > 0
    }

    private static func closing(_ row: SQLiteRow) throws -> LeaderboardClosing {
        guard case .array(let listed)? = try row.json("winners") else { throw StorageError.corrupt("leaderboard closing winners") }
        let winners = listed.compactMap { value -> LeaderboardClosing.Winner? in
            guard case .object(let winner) = value, case .string(let subject)? = winner["subject_id"],
                  case .int(let rank)? = winner["rank"], case .int(let score)? = winner["score"] else { return nil }
            let partition: String? = if case .string(let name)? = winner["partition"] { name } else { nil }
            return LeaderboardClosing.Winner(partition: partition, subjectID: subject, rank: Int(rank), score: score)
        }
        return LeaderboardClosing(
            boardID: try row.requiredString("board_id"), period: try row.requiredString("period"),
            closedAt: try row.timestamp("closed_at"), winners: winners)
    }

    func save(_ leaderboard: Leaderboard) throws {
        try connection.run(
            """
            INSERT INTO leaderboards (id, definition, created_at, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """,
            [.text(leaderboard.id), SQLiteValue(json: leaderboard.definition),
             SQLiteValue(leaderboard.createdAt), SQLiteValue(leaderboard.updatedAt)])
    }

    func deleteLeaderboard(id: String) throws {
        try connection.run("DELETE FROM leaderboards WHERE id = ?", [.text(id)])
    }

    /// Reversals count at the time of the posting they reverse; the event joined is the one that
    /// caused the posting (or the reversed posting), for the organization it was earned in.
    func earningChanges(after: Int64, limit: Int) throws -> EarningChangePage {
        let rows = try connection.query(
            """
            SELECT p.id, p.currency, p.debit, p.credit, p.amount, p.kind, p.at,
                   o.kind AS original_kind, o.debit AS original_debit, o.credit AS original_credit, o.at AS original_at,
                   e.organization_id AS event_organization_id
            FROM ledger_postings p
            LEFT JOIN ledger_postings o ON o.id = p.reversal_of
            LEFT JOIN events e ON e.id = coalesce(p.event_id, o.event_id)
            WHERE p.id > ? AND p.kind IN ('earn', 'adjust', 'reverse')
            ORDER BY p.id LIMIT ?
            """, [.integer(after), .integer(Int64(limit))])
        var changes: [EarningChange] = []
        for row in rows {
            if let change = try Self.earningChange(row) { changes.append(change) }
        }
        return EarningChangePage(changes: changes, lastPostingID: rows.last?.int64("id"), reachedEnd: rows.count < limit)
    }

    func changes(after: Int64, limit: Int) throws -> [LoggedChange] {
        try connection.query(
            """
            SELECT c.seq, c.kind, c.subject, e.type, e.member_id, e.organization_id, e.occurred_at, e.properties
            FROM change_log c
            LEFT JOIN events e ON c.kind IN ('event.recorded', 'event.reversed') AND e.id = c.subject
            WHERE c.seq > ? ORDER BY c.seq LIMIT ?
            """, [.integer(after), .integer(Int64(limit))]
        ).map(Self.loggedChange)
    }

    private static func leaderboard(_ row: SQLiteRow) throws -> Leaderboard {
        let id = try row.requiredString("id")
        guard let definition = try row.json("definition"), let draft = try? LeaderboardDraft.parse(definition, id: id) else {
            throw StorageError.corrupt("leaderboard \(id) has an invalid definition")
        }
        return draft.leaderboard(id: id, createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }

    private static func earningChange(_ row: SQLiteRow) throws -> EarningChange? {
        func holder(_ column: String) -> LedgerHolder? {
            switch row.string(column).flatMap(LedgerAccount.init(parsing:)) {
            case .member(let id)?: .member(id)
            case .organization(let id)?: .organization(id)
            default: nil
            }
        }
        guard let id = row.int64("id"), let amount = row.int64("amount"), let currency = row.string("currency") else {
            throw StorageError.corrupt("posting row is incomplete")
        }
        let kind = row.string("kind")
        let counted: (LedgerHolder, Int64, String)?
        switch kind {
        case "earn", "adjust":
            counted = holder("credit").map { ($0, amount, "at") } ?? holder("debit").map { ($0, -amount, "at") }
        case "reverse" where ["earn", "adjust"].contains(row.string("original_kind")):
            counted = holder("original_credit").map { ($0, -amount, "original_at") }
                ?? holder("original_debit").map { ($0, amount, "original_at") }
        default:
            counted = nil
        }
        guard let (holder, signed, timeColumn) = counted else { return nil }
        return EarningChange(
            postingID: id, holder: holder, currency: currency, amount: signed, countsAt: try row.timestamp(timeColumn),
            eventOrganizationID: row.string("event_organization_id"))
    }

    private static func loggedChange(_ row: SQLiteRow) throws -> LoggedChange {
        guard let seq = row.int64("seq"), let subject = row.string("subject") else { throw StorageError.corrupt("change_log row is incomplete") }
        func event() throws -> LoggedEvent? {
            guard let type = row.string("type") else { return nil }
            return LoggedEvent(
                id: subject, type: type, memberID: row.string("member_id"), organizationID: row.string("organization_id"),
                occurredAt: try row.timestamp("occurred_at"), properties: try row.jsonObject("properties"))
        }
        let kind: LoggedChange.Kind
        switch row.string("kind") {
        case "event.recorded": kind = try event().map { .eventRecorded($0) } ?? .other
        case "event.reversed": kind = try event().map { .eventReversed($0) } ?? .other
        case "member.changed": kind = .memberChanged(subject)
        case "organization.changed": kind = .organizationChanged(subject)
        case "tier.changed":
            switch LedgerAccount(parsing: subject) {
            case .member(let id)?: kind = .tierChanged(.member(id))
            case .organization(let id)?: kind = .tierChanged(.organization(id))
            default: kind = .other
            }
        default: kind = .other
        }
        return LoggedChange(seq: seq, kind: kind)
    }
}

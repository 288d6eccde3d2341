import Engine
import SQLite

extension SQLStore {
    private static let ladderColumns = "id, definition, created_at, updated_at"

    func tierLadder(id: String) throws -> TierLadder? {
        try connection.queryOne("SELECT \(Self.ladderColumns) FROM tier_ladders WHERE id = ?", [.text(id)]).map(Self.ladder)
    }

    func tierLadders(page: PageRequest) throws -> Page<TierLadder> {
        let rows = try connection.query(
            "SELECT \(Self.ladderColumns) FROM tier_ladders WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.ladder), limit: page.limit, key: \.id)
    }

    /// Asked on every event: decoded once per change of the ladders (`ConfigurationCache`).
    func tierLadders(subject: TierSubject) throws -> [TierLadder] {
        let generation = try configurationGeneration("tier_ladders")
        let ladders = try configurationCache.tierLadders.value(at: generation) {
            try connection.query("SELECT \(Self.ladderColumns) FROM tier_ladders ORDER BY id").map(Self.ladder)
        }
        return ladders.filter { $0.subject == subject }
    }

    /// The writer keeps them between its transactions (`WriterCache.tierStates`): every change
    /// to `tier_states` is `save(_:)` or `deleteTierLadder(id:)` below.
    func tierState(holder: LedgerHolder, ladderID: String) throws -> TierState? {
        try cached(\.tierStates, TierStateKey(holder: holder, ladderID: ladderID)) {
            try connection.queryOne(
                "SELECT level_id, since FROM tier_states WHERE holder = ? AND ladder_id = ?", [.text(holder.description), .text(ladderID)]
            ).map { row in
                TierState(holder: holder, ladderID: ladderID, levelID: try row.requiredString("level_id"), since: try row.timestamp("since"))
            }
        }
    }

    func save(_ ladder: TierLadder) throws {
        try connection.run(
            """
            INSERT INTO tier_ladders (id, subject, currency, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, currency = excluded.currency,
                definition = excluded.definition, updated_at = excluded.updated_at
            """,
            [.text(ladder.id), .text(ladder.subject.rawValue), .text(ladder.currency), SQLiteValue(json: ladder.definitionJSON),
             SQLiteValue(ladder.createdAt), SQLiteValue(ladder.updatedAt)])
    }

    func deleteTierLadder(id: String) throws {
        // Explicit rather than relying on ON DELETE CASCADE, which needs foreign_keys on.
        try connection.run("DELETE FROM tier_states WHERE ladder_id = ?", [.text(id)])
        try connection.run("DELETE FROM tier_ladders WHERE id = ?", [.text(id)])
        writerCache?.tierStates.forgetAll { $0.ladderID == id }
    }

    func save(_ state: TierState) throws {
        try connection.run(
            """
            INSERT INTO tier_states (holder, ladder_id, level_id, since) VALUES (?, ?, ?, ?)
            ON CONFLICT (holder, ladder_id) DO UPDATE SET level_id = excluded.level_id, since = excluded.since
            """,
            [.text(state.holder.description), .text(state.ladderID), .text(state.levelID), SQLiteValue(state.since)])
        writerCache?.tierStates.set(state, for: TierStateKey(holder: state.holder, ladderID: state.ladderID))
    }

    /// A lifetime window reads the figure kept on the holder's balance row; other windows (and a
    /// lifetime asked before the holder's latest earning) sum postings: two walks of the
    /// (account, currency) ranges of `ledger_postings_by_credit` and `ledger_postings_by_debit`
    /// (migration 0007), filtering by kind and time, so the cost is the holder's postings in that
    /// currency, never the whole ledger.
    func earned(holder: LedgerHolder, currency: String, from: Timestamp?, until: Timestamp) throws -> Int64 {
        if from == nil, let lifetime = try lifetimeEarned(holder: holder, currency: currency, before: until) { return lifetime }
        return try earnedFromPostings(holder: holder, currency: currency, from: from, until: until)
    }

    /// The kept lifetime figure (migration 0015) when it answers "before `until`": when nothing
    /// counted at or after `until`. Nil when the postings must be summed.
    private func lifetimeEarned(holder: LedgerHolder, currency: String, before until: Timestamp) throws -> Int64? {
        guard let row = try connection.queryOne(
            "SELECT earned, earned_until FROM ledger_balances WHERE account = ? AND currency = ?",
            [.text(holder.account.description), .text(currency)])
        else { return 0 }
        guard let latest = row.int64("earned_until"), latest < until.millisecondsSinceEpoch else { return nil }
        return row.int64("earned") ?? 0
    }

    /// The definition itself, over the holder's postings.
    private func earnedFromPostings(holder: LedgerHolder, currency: String, from: Timestamp?, until: Timestamp) throws -> Int64 {
        let start = from?.millisecondsSinceEpoch ?? .min
        let row = try connection.queryOne(
            Self.earnedSQL,
            [.text(holder.account.description), .text(currency), .integer(start), .integer(until.millisecondsSinceEpoch),
             .text(holder.account.description), .text(LedgerAccount.clawback(holder).description), .text(currency),
             .integer(start), .integer(until.millisecondsSinceEpoch)])
        return row?.int64("earned") ?? 0
    }

    /// INDEXED BY makes a missing index an error instead of a silent scan of every posting.
    static let earnedSQL = """
        SELECT
          (SELECT coalesce(sum(amount), 0) FROM ledger_postings INDEXED BY ledger_postings_by_credit
            WHERE credit = ? AND currency = ? AND kind IN ('earn', 'adjust') AND at >= ? AND at < ?)
        - (SELECT coalesce(sum(amount), 0) FROM ledger_postings INDEXED BY ledger_postings_by_debit
            WHERE debit IN (?, ?) AND currency = ? AND kind = 'reverse' AND at >= ? AND at < ?) AS earned
        """

    private static func ladder(_ row: SQLiteRow) throws -> TierLadder {
        let id = try row.requiredString("id")
        guard let definition = try row.json("definition"),
              let ladder = TierLadder.fromDefinition(
                definition, id: id, createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
        else { throw StorageError.corrupt("tier ladder \(id)") }
        return ladder
    }
}

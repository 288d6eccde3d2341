import Engine
import SQLite

extension SQLStore {
    static let lotColumns = "id, holder, currency, amount, remaining, expired, earned_at, available_at, expires_at, reversed"

    /// One past the highest id, inside the writer's transaction: see `nextPostingID`. `Ledger`
    /// saves each lot before it asks for the next id.
    func nextLotID() throws -> Int64 {
        try cached(\.nextIDs, "ledger_lots") {
            try connection.queryOne("SELECT coalesce(max(id), 0) + 1 AS next FROM ledger_lots")?.int64("next") ?? 1
        }
    }

    func lot(id: Int64) throws -> Lot? {
        try connection.queryOne("SELECT \(Self.lotColumns) FROM ledger_lots WHERE id = ?", [.integer(id)]).map(Self.lot)
    }

    func openLots(holder: LedgerHolder, currency: String) throws -> [Lot] {
        // `remaining > 0` as in the partial index ledger_lots_open, so that the index is used.
        try connection.query(
            "SELECT \(Self.lotColumns) FROM ledger_lots WHERE holder = ? AND currency = ? AND remaining > 0",
            [.text(holder.description), .text(currency)]
        ).map(Self.lot)
    }

    /// Lots read a page at a time by `lotsToSpend`.
    static let spendPageSize = 128

    /// `Lot.spendsBefore` in SQL, a page at a time, stopping once the lots cover `amount`: lots that
    /// expire, by expiry through ledger_lots_open (SQLite sorts only the lots sharing one expiry),
    /// then those that never do, by earning time. Those last are sorted all together: a holder
    /// whose currency never expires still has every open lot read, though in SQLite, not decoded
    /// one by one. `isAvailable` is `available_at <= at OR available_at <= earned_at` (not pending)
    /// and `expires_at > at` (not expired).
    func lotsToSpend(holder: LedgerHolder, currency: String, at: Timestamp, covering amount: Int64) throws -> [Lot] {
        var lots: [Lot] = []
        var covered: Int64 = 0
        var after: Lot?
        // Lots that expire, soonest first; past the last of a page by (expires_at, earned_at, id).
        while covered < amount {
            let floor = max(at.millisecondsSinceEpoch + 1, after?.expiresAt?.millisecondsSinceEpoch ?? .min)
            let page = try connection.query(
                """
                SELECT \(Self.lotColumns) FROM ledger_lots INDEXED BY ledger_lots_open
                WHERE holder = ?1 AND currency = ?2 AND remaining > 0 AND expires_at >= ?3
                  AND (available_at <= ?4 OR available_at <= earned_at)
                  AND (expires_at, earned_at, id) > (?5, ?6, ?7)
                ORDER BY expires_at, earned_at, id LIMIT ?8
                """,
                [.text(holder.description), .text(currency), .integer(floor), SQLiteValue(at),
                 .integer(after?.expiresAt?.millisecondsSinceEpoch ?? .min), .integer(after?.earnedAt.millisecondsSinceEpoch ?? .min),
                 .integer(after?.id ?? .min), .integer(Int64(Self.spendPageSize))]
            ).map(Self.lot)
            lots += Lot.fewest(of: page, covering: amount, adding: &covered)
            guard page.count == Self.spendPageSize else { break }
            after = page.last
        }
        after = nil
        // Lots that never expire, oldest first.
        while covered < amount {
            let page = try connection.query(
                """
                SELECT \(Self.lotColumns) FROM ledger_lots INDEXED BY ledger_lots_open
                WHERE holder = ?1 AND currency = ?2 AND remaining > 0 AND expires_at IS NULL
                  AND (available_at <= ?3 OR available_at <= earned_at)
                  AND (earned_at, id) > (?4, ?5)
                ORDER BY earned_at, id LIMIT ?6
                """,
                [.text(holder.description), .text(currency), SQLiteValue(at),
                 .integer(after?.earnedAt.millisecondsSinceEpoch ?? .min), .integer(after?.id ?? .min),
                 .integer(Int64(Self.spendPageSize))]
            ).map(Self.lot)
            lots += Lot.fewest(of: page, covering: amount, adding: &covered)
            guard page.count == Self.spendPageSize else { break }
            after = page.last
        }
        return lots
    }

    /// The same sums as `LotTotals.init(_:at:expiringBefore:)`, without walking every open lot
    /// (migration 0036): the holder's materialised balance is the remaining of all its open lots,
    /// of which lapsed and expiring-soon lots are ranges of ledger_lots_open by expiry, pending ones
    /// a range of ledger_lots_pending (migration 0039: lots earned with pending days only), and the
    /// rest is available. Each walk covers only the lots it sums.
    static let lotTotalsSQL = """
        SELECT
            coalesce((SELECT balance FROM ledger_balances WHERE account = ?3 AND currency = ?4), 0) AS held,
            (SELECT coalesce(sum(remaining), 0) FROM ledger_lots INDEXED BY ledger_lots_open
             WHERE holder = ?3 AND currency = ?4 AND remaining > 0 AND expires_at <= ?1) AS lapsed,
            (SELECT coalesce(sum(remaining), 0) FROM ledger_lots INDEXED BY ledger_lots_open
             WHERE holder = ?3 AND currency = ?4 AND remaining > 0 AND expires_at > ?1 AND expires_at <= ?2) AS expiring_soon,
            (SELECT coalesce(sum(remaining), 0) FROM ledger_lots INDEXED BY ledger_lots_pending
             WHERE holder = ?3 AND currency = ?4 AND remaining > 0 AND available_at > earned_at AND available_at > ?1
               AND (expires_at IS NULL OR expires_at > ?1)) AS pending
        """

    func lotTotals(holder: LedgerHolder, currency: String, at: Timestamp, expiringBefore horizon: Timestamp) throws -> LotTotals {
        let row = try connection.queryOne(
            Self.lotTotalsSQL, [SQLiteValue(at), SQLiteValue(horizon), .text(holder.description), .text(currency)])
        let (held, lapsed, pending) = (row?.int64("held") ?? 0, row?.int64("lapsed") ?? 0, row?.int64("pending") ?? 0)
        return LotTotals(
            available: held - lapsed - pending, pending: pending, lapsed: lapsed, expiringSoon: row?.int64("expiring_soon") ?? 0)
    }

    func lotsExpired(at time: Timestamp) throws -> [Lot] {
        // Spelled as in the partial index ledger_lots_expiring.
        try connection.query(
            """
            SELECT \(Self.lotColumns) FROM ledger_lots
            WHERE remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY id
            """, [SQLiteValue(time)]
        ).map(Self.lot)
    }

    /// The first `limit` by id: the scheduler's expiry chunk.
    func lotsExpired(at time: Timestamp, limit: Int) throws -> [Lot] {
        try connection.query(
            """
            SELECT \(Self.lotColumns) FROM ledger_lots
            WHERE remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY id LIMIT ?
            """, [SQLiteValue(time), .integer(Int64(limit))]
        ).map(Self.lot)
    }

    /// Built once: see `insertPosting`.
    private static let saveLot = """
        INSERT INTO ledger_lots (\(lotColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
            holder = excluded.holder, currency = excluded.currency, amount = excluded.amount,
            remaining = excluded.remaining, expired = excluded.expired, earned_at = excluded.earned_at,
            available_at = excluded.available_at, expires_at = excluded.expires_at, reversed = excluded.reversed
        """

    /// Inserts or replaces by id. An upsert, not INSERT OR REPLACE, which deletes and reinserts the
    /// row. Both indexes are partial on `remaining`, the column every save changes, so setting
    /// the columns `Ledger` never changes costs no more index work than leaving them out.
    func save(_ lot: Lot) throws {
        try connection.run(
            Self.saveLot,
            [.integer(lot.id), .text(lot.holder.description), .text(lot.currency), .integer(lot.amount),
             .integer(lot.remaining), .integer(lot.expired), SQLiteValue(lot.earnedAt), SQLiteValue(lot.availableAt),
             SQLiteValue(lot.expiresAt), SQLiteValue(lot.reversed)])
        writerCache?.nextIDs.update("ledger_lots") { max($0, lot.id + 1) }
    }

    static func lot(_ row: SQLiteRow) throws -> Lot {
        var lot = Lot(
            id: try row.requiredInt64("id"), holder: try row.ledgerHolder("holder"), currency: try row.requiredString("currency"),
            amount: try row.requiredInt64("amount"), earnedAt: try row.timestamp("earned_at"),
            availableAt: try row.timestamp("available_at"), expiresAt: row.optionalTimestamp("expires_at"))
        lot.remaining = try row.requiredInt64("remaining")
        lot.expired = try row.requiredInt64("expired")
        lot.reversed = row.bool("reversed") ?? false
        return lot
    }
}

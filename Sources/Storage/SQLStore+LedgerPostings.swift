import Engine
import SQLite

extension SQLStore {
    static let postingColumns = """
        id, currency, debit, credit, amount, at, kind, event_id, rule_id, rule_version, redemption_id, reversal_of,
        reason, created_lots, draws
        """

    /// One past the highest id, read inside the writer's transaction. The single writer runs one
    /// request at a time on one connection, so no one else can take the same id before `append`;
    /// a request that is rolled back gives its ids back, keeping the sequence 1, 2, 3… without
    /// gaps. `max(id)` on the rowid is one seek to the b-tree's last leaf, and needs no counter
    /// row that would cost another WAL page on every posting.
    func nextPostingID() throws -> Int64 {
        try cached(\.nextIDs, "ledger_postings") {
            try connection.queryOne("SELECT coalesce(max(id), 0) + 1 AS next FROM ledger_postings")?.int64("next") ?? 1
        }
    }

    func posting(id: Int64) throws -> LedgerPosting? {
        try connection.queryOne("SELECT \(Self.postingColumns) FROM ledger_postings WHERE id = ?", [.integer(id)])
            .map(Self.posting)
    }

    func postings(eventID: String) throws -> [LedgerPosting] {
        try connection.query(
            "SELECT \(Self.postingColumns) FROM ledger_postings WHERE event_id = ? ORDER BY id", [.text(eventID)]
        ).map(Self.posting)
    }

    /// Built once, as is the SQL of every statement an event runs: the connection finds the
    /// statement by the address of its text (`SQLiteConnection.cachedStatement`).
    private static let insertPosting = """
        INSERT INTO ledger_postings (\(postingColumns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    func append(_ posting: LedgerPosting, debitBalance: Int64, creditBalance: Int64) throws {
        let references = posting.references
        try connection.run(
            Self.insertPosting,
            [.integer(posting.id), .text(posting.currency), .text(posting.debit.description), .text(posting.credit.description),
             .integer(posting.amount), SQLiteValue(posting.at), .text(posting.kind.rawValue),
             SQLiteValue(references.eventID), SQLiteValue(references.ruleID), SQLiteValue(references.ruleVersion),
             SQLiteValue(references.redemptionID), SQLiteValue(references.reversalOf), SQLiteValue(references.reason),
             SQLiteValue(json: Self.json(createdLots: posting.createdLots)), SQLiteValue(json: Self.json(draws: posting.draws))])
        writerCache?.nextIDs.update("ledger_postings") { max($0, posting.id + 1) }
        // The holder's lifetime earnings move on the same row as its balance when the posting
        // touches that account (every earn, adjust and ordinary reversal): one write of the row.
        let earnings = Self.earningsChange(of: posting)
        var earningsWritten = false
        // Once per side, without an array of the two made for every posting.
        func write(_ balance: Int64, of account: LedgerAccount) throws {
            let earned = earnings.flatMap { $0.holder.account == account ? $0.change : nil }
            earningsWritten = earningsWritten || earned != nil
            try writeBalance(balance, of: LedgerAccountCurrency(account, posting.currency), earned: earned ?? 0,
                             at: earned == nil ? nil : posting.at)
        }
        try write(debitBalance, of: posting.debit)
        try write(creditBalance, of: posting.credit)
        if let earnings, !earningsWritten {
            try recordEarnings(earnings.change, of: earnings.holder, posting.currency, at: posting.at)
        }
    }

    /// Which holder's lifetime earnings (migration 0015) a posting moves, and by how much, by the
    /// definition of `LedgerEarningsReader.earned`; nil for postings that do not count.
    private static func earningsChange(of posting: LedgerPosting) -> (holder: LedgerHolder, change: Int64)? {
        switch (posting.kind, posting.credit.holder, posting.debit) {
        case (.earn, let credited?, _), (.adjust, let credited?, _):
            return (credited, posting.amount)
        case (.reverse, _, .member), (.reverse, _, .organization):
            return posting.debit.holder.map { ($0, -posting.amount) }
        case (.reverse, _, .clawback(let debited)):
            return (debited, -posting.amount)
        default:
            return nil
        }
    }

    /// Sets the materialised balance and adds `earned` to the lifetime earnings, as of `at`.
    private func writeBalance(_ balance: Int64, of key: LedgerAccountCurrency, earned: Int64, at: Timestamp?) throws {
        try connection.run(
            """
            INSERT INTO ledger_balances (account, currency, balance, earned, earned_until) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (account, currency) DO UPDATE
            SET balance = excluded.balance, earned = earned + excluded.earned, earned_until = max(earned_until, excluded.earned_until)
            """, [.text(key.account.description), .text(key.currency), .integer(balance), .integer(earned),
                  at.map(SQLiteValue.init) ?? .integer(0)])
        writerCache?.balances.set(balance, for: key)
    }

    /// Moves lifetime earnings alone: a clawback reversal debits the clawback account, not the
    /// holder whose earnings it takes back.
    private func recordEarnings(_ change: Int64, of holder: LedgerHolder, _ currency: String, at: Timestamp) throws {
        try connection.run(
            """
            INSERT INTO ledger_balances (account, currency, balance, earned, earned_until) VALUES (?, ?, 0, ?, ?)
            ON CONFLICT (account, currency) DO UPDATE
            SET earned = earned + excluded.earned, earned_until = max(earned_until, excluded.earned_until)
            """, [.text(holder.account.description), .text(currency), .integer(change), SQLiteValue(at)])
    }

    func isReversed(postingID: Int64) throws -> Bool {
        try connection.queryOne("SELECT 1 AS found FROM ledger_reversed WHERE posting_id = ?", [.integer(postingID)]) != nil
    }

    func markReversed(postingID: Int64) throws {
        try connection.run("INSERT INTO ledger_reversed (posting_id) VALUES (?)", [.integer(postingID)])
    }

    private static func json(createdLots: [Int64]) -> JSONValue? {
        createdLots.isEmpty ? nil : .array(createdLots.map(JSONValue.int))
    }

    private static func json(draws: [LotDraw]) -> JSONValue? {
        draws.isEmpty ? nil : .array(draws.map { .array([.int($0.lotID), .int($0.amount)]) })
    }

    static func posting(_ row: SQLiteRow) throws -> LedgerPosting {
        let kindText = try row.requiredString("kind")
        guard let kind = LedgerPosting.Kind(rawValue: kindText) else { throw StorageError.corrupt("posting kind \(kindText)") }
        let references = LedgerPosting.References(
            eventID: row.string("event_id"), ruleID: row.string("rule_id"), ruleVersion: row.int("rule_version"),
            redemptionID: row.string("redemption_id"), reversalOf: row.int64("reversal_of"), reason: row.string("reason"))
        return LedgerPosting(
            id: try row.requiredInt64("id"), currency: try row.requiredString("currency"), debit: try row.ledgerAccount("debit"),
            credit: try row.ledgerAccount("credit"), amount: try row.requiredInt64("amount"), at: try row.timestamp("at"),
            kind: kind, references: references, createdLots: try createdLots(row), draws: try draws(row))
    }

    private static func createdLots(_ row: SQLiteRow) throws -> [Int64] {
        guard let value = try row.json("created_lots") else { return [] }
        guard case .array(let items) = value else { throw StorageError.corrupt("created_lots is not an array") }
        return try items.map { item in
            guard case .int(let id) = item else { throw StorageError.corrupt("created_lots holds \(item)") }
            return id
        }
    }

    private static func draws(_ row: SQLiteRow) throws -> [LotDraw] {
        guard let value = try row.json("draws") else { return [] }
        guard case .array(let items) = value else { throw StorageError.corrupt("draws is not an array") }
        return try items.map { item in
            guard case .array(let pair) = item, pair.count == 2, case .int(let lotID) = pair[0], case .int(let amount) = pair[1] else {
                throw StorageError.corrupt("draws holds \(item)")
            }
            return LotDraw(lotID: lotID, amount: amount)
        }
    }
}

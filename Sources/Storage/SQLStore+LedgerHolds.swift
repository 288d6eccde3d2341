import Engine
import SQLite

extension SQLStore {
    static let holdColumns = "redemption_id, holder, currency, amount, posting_id, state"

    func hold(redemptionID: String) throws -> LedgerHold? {
        try connection.queryOne(
            "SELECT \(Self.holdColumns) FROM ledger_holds WHERE redemption_id = ?",
            [.text(redemptionID)]
        ).map(Self.hold)
    }

    /// Inserts or replaces by redemption id (in practice only the state changes).
    func save(_ hold: LedgerHold) throws {
        try connection.run(
            """
            INSERT INTO ledger_holds (\(Self.holdColumns)) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (redemption_id) DO UPDATE SET holder = excluded.holder, currency = excluded.currency,
                amount = excluded.amount, posting_id = excluded.posting_id, state = excluded.state
            """,
            [.text(hold.redemptionID), .text(hold.holder.description), .text(hold.currency), .integer(hold.amount),
             .integer(hold.postingID), .text(hold.state.rawValue)])
    }

    static func hold(_ row: SQLiteRow) throws -> LedgerHold {
        let stateText = try row.requiredString("state")
        guard let state = LedgerHold.State(rawValue: stateText) else { throw StorageError.corrupt("hold state \(stateText)") }
        return LedgerHold(
            redemptionID: try row.requiredString("redemption_id"), holder: try row.ledgerHolder("holder"),
            currency: try row.requiredString("currency"), amount: try row.requiredInt64("amount"),
            postingID: try row.requiredInt64("posting_id"), state: state)
    }
}

/// Read-only questions about the ledger, answerable from any snapshot (a read connection, not
/// only the writer): balances and debts.
public struct LedgerView {
    private let store: any LedgerReader

    public init(_ store: any LedgerReader) {
        self.store = store
    }

    /// What a holder owes after a reversal took back points it had already used.
    public func debt(of holder: LedgerHolder, _ currency: String) throws -> Int64 {
        -(try store.balance(of: LedgerAccountCurrency(holder.clawbackAccount, currency)))
    }

    /// The holder's points at `at`, from its lots; `expiringSoon` counts available and pending
    /// points whose expiry falls in the next `expiringWithinDays` days.
    public func balance(
        of holder: LedgerHolder, _ currency: String, at: Timestamp, expiringWithinDays: Int = 30
    ) throws -> LedgerBalance {
        precondition(expiringWithinDays >= 0 && expiringWithinDays <= LotExpiry.daysMax, "window out of range")
        let horizon = at.adding(milliseconds: Int64(expiringWithinDays) * LotExpiry.dayMilliseconds)
        let totals = try store.lotTotals(holder: holder, currency: currency, at: at, expiringBefore: horizon)
        return LedgerBalance(
            available: totals.available, pending: totals.pending, lapsed: totals.lapsed, expiringSoon: totals.expiringSoon,
            debt: try debt(of: holder, currency))
    }
}

extension Ledger {
    /// The holder's points at `at`, from its lots; `expiringSoon` counts available and pending
    /// points whose expiry falls in the next `expiringWithinDays` days.
    public func balance(
        of holder: LedgerHolder, _ currency: String, at: Timestamp, expiringWithinDays: Int = 30
    ) throws -> LedgerBalance {
        precondition(expiringWithinDays >= 0 && expiringWithinDays <= LotExpiry.daysMax, "window out of range")
        let horizon = at.adding(milliseconds: Self.days(expiringWithinDays))
        var balance = LedgerBalance(debt: try debt(of: holder, currency))
        for lot in try store.openLots(holder: holder, currency: currency) {
            if lot.isExpired(at: at) {
                balance.lapsed += lot.remaining
                continue
            }
            if lot.availableAt <= at { balance.available += lot.remaining } else { balance.pending += lot.remaining }
            if let expiresAt = lot.expiresAt, expiresAt <= horizon { balance.expiringSoon += lot.remaining }
        }
        return balance
    }

    /// Every account's balance recomputed from postings alone, to check the materialised ones.
    public static func recomputeBalances(
        _ postings: some Sequence<LedgerPosting>
    ) throws(LedgerError) -> [LedgerAccountCurrency: Int64] {
        var balances: [LedgerAccountCurrency: Int64] = [:]
        for posting in postings {
            let debit = LedgerAccountCurrency(posting.debit, posting.currency)
            let credit = LedgerAccountCurrency(posting.credit, posting.currency)
            balances[debit] = try LedgerAmount.subtract(balances[debit] ?? 0, posting.amount)
            balances[credit] = try LedgerAmount.add(balances[credit] ?? 0, posting.amount)
        }
        return balances
    }
}

extension Ledger {
    /// The holder's points at `at`; see `LedgerView.balance`.
    public func balance(
        of holder: LedgerHolder, _ currency: String, at: Timestamp, expiringWithinDays: Int = 30
    ) throws -> LedgerBalance {
        try LedgerView(store).balance(of: holder, currency, at: at, expiringWithinDays: expiringWithinDays)
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

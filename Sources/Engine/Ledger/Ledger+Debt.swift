extension Ledger {
    /// What the holder owes in this currency: the negated balance of its clawback account.
    public func debt(of holder: LedgerHolder, _ currency: String) throws -> Int64 {
        try LedgerView(store).debt(of: holder, currency)
    }

    /// A holder in debt pays it back from whatever it holds, pending or not, as soon as it holds
    /// anything: so "debt > 0" implies "no points", and a reversed award is never spendable.
    func repayDebt(of holder: LedgerHolder, _ currency: String, at: Timestamp) throws {
        let owed = try debt(of: holder, currency)
        guard owed > 0 else { return }
        let lots = try store.openLots(holder: holder, currency: currency).sorted(by: Lot.spendsBefore)
        var held: Int64 = 0
        for lot in lots { held = try LedgerAmount.add(held, lot.remaining) }
        let amount = min(owed, held)
        guard amount > 0 else { return }
        let draws = try take(amount, from: lots)
        try post(.recover, currency, from: holder.account, to: holder.clawbackAccount, amount, at: at, .init(), draws: draws)
    }
}

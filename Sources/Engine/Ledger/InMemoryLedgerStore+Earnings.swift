extension InMemoryLedgerStore: LedgerEarningsReader {
    public func earned(holder: LedgerHolder, currency: String, from: Timestamp?, until: Timestamp) -> Int64 {
        var total: Int64 = 0
        for posting in state.postings where posting.currency == currency && posting.at < until {
            if let from, posting.at < from { continue }
            if posting.credit == holder.account, posting.kind == .earn || posting.kind == .adjust { total += posting.amount }
            if posting.kind == .reverse, posting.debit == holder.account || posting.debit == holder.clawbackAccount {
                total -= posting.amount
            }
        }
        return total
    }
}

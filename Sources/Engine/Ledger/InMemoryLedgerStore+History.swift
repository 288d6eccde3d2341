extension InMemoryLedgerStore: LedgerHistoryReader {
    public func postings(account: LedgerAccount, currency: String?, beforeID: Int64?, limit: Int) -> [LedgerPosting] {
        precondition(limit > 0, "a listing asks for at least one posting")
        var found: [LedgerPosting] = []
        for posting in state.postings.reversed() where found.count < limit {
            guard posting.debit == account || posting.credit == account else { continue }
            if let currency, posting.currency != currency { continue }
            if let beforeID, posting.id >= beforeID { continue }
            found.append(posting)
        }
        return found
    }
}

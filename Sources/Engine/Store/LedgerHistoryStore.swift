/// An account's postings, newest first: what a holder's ledger listing pages through.
public protocol LedgerHistoryReader {
    /// Postings that debit or credit `account`, in `currency` or in every currency when nil, with
    /// `id < beforeID` (all when nil), highest id first, at most `limit` of them.
    func postings(account: LedgerAccount, currency: String?, beforeID: Int64?, limit: Int) throws -> [LedgerPosting]
}

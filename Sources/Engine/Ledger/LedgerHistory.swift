/// A holder's ledger, newest first, in pages whose cursor is the id of the last posting shown:
/// postings are append-only and ids only grow, so a page never shifts under a reader.
public enum LedgerHistory {
    public static func page(
        of holder: LedgerHolder, currency: String?, page: PageRequest, in store: any LedgerHistoryReader
    ) throws -> Page<LedgerPosting> {
        let beforeID = try page.afterInteger(of: "a ledger listing")
        let rows = try store.postings(account: holder.account, currency: currency, beforeID: beforeID, limit: page.limit + 1)
        return Page(fetched: rows, limit: page.limit) { String($0.id) }
    }
}

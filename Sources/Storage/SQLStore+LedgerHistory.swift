import Engine
import SQLite

extension SQLStore {
    /// Per currency: each side walks its index (`ledger_postings_by_debit` / `_by_credit`, migration
    /// 0007) backwards from `beforeID` and stops after `limit` rows; the two are merged by id. With
    /// no currency, the account's currencies come from its materialised balances (one row per
    /// currency it ever touched, by primary key) and each is listed the same way, then merged: the
    /// cost is currencies × limit rows, never the account's whole history.
    func postings(account: LedgerAccount, currency: String?, beforeID: Int64?, limit: Int) throws -> [LedgerPosting] {
        precondition(limit > 0, "a listing asks for at least one posting")
        let currencies = try currency.map { [$0] } ?? connection.query(
            "SELECT currency FROM ledger_balances WHERE account = ? ORDER BY currency", [.text(account.description)]
        ).map { try $0.requiredString("currency") }
        var merged: [LedgerPosting] = []
        for currency in currencies {
            merged += try postings(account: account.description, currency: currency, beforeID: beforeID ?? .max, limit: limit)
        }
        merged.sort { $0.id > $1.id }
        return Array(merged.prefix(limit))
    }

    private func postings(account: String, currency: String, beforeID: Int64, limit: Int) throws -> [LedgerPosting] {
        let side = { (column: String) in
            """
            SELECT * FROM (SELECT \(Self.postingColumns) FROM ledger_postings
                           WHERE \(column) = ? AND currency = ? AND id < ? ORDER BY id DESC LIMIT ?)
            """
        }
        let arguments: [SQLiteValue] = [.text(account), .text(currency), .integer(beforeID), .integer(Int64(limit))]
        return try connection.query(
            "\(side("debit")) UNION ALL \(side("credit")) ORDER BY id DESC LIMIT ?",
            arguments + arguments + [.integer(Int64(limit))]
        ).map(Self.posting)
    }
}

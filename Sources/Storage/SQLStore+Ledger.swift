import Engine
import SQLite

/// The ledger over SQLite (Migrations/0004_ledger.sql). `Ledger` runs inside a write, so every
/// method here runs on the writer's connection inside its transaction; reads may also run on a
/// reader's snapshot.
extension SQLStore: LedgerWriter {
    /// A savepoint inside the request's own: a refused ledger operation is undone alone, and the
    /// rest of the request (and of the batch) goes on. Savepoints nest, and a nested one with the
    /// same name is the innermost for ROLLBACK TO and RELEASE, so re-entrant calls are fine.
    func atomically<T>(_ body: () throws -> T) throws -> T {
        try connection.savepoint("laurel_ledger", body)
    }

    func balance(of key: LedgerAccountCurrency) throws -> Int64 {
        try cached(\.balances, key) {
            try connection.queryOne(
                "SELECT balance FROM ledger_balances WHERE account = ? AND currency = ?",
                [.text(key.account.description), .text(key.currency)]
            )?.int64("balance") ?? 0
        }
    }

    func setBalance(_ balance: Int64, of key: LedgerAccountCurrency) throws {
        try connection.run(
            """
            INSERT INTO ledger_balances (account, currency, balance) VALUES (?, ?, ?)
            ON CONFLICT (account, currency) DO UPDATE SET balance = excluded.balance
            """, [.text(key.account.description), .text(key.currency), .integer(balance)])
        writerCache?.balances.set(balance, for: key)
    }
}

/// Column conversions for ledger rows.
extension SQLiteRow {
    func ledgerAccount(_ column: String) throws -> LedgerAccount {
        let text = try requiredString(column)
        guard let account = LedgerAccount(parsing: text) else { throw StorageError.corrupt("\(column) \(text) is not an account") }
        return account
    }

    func ledgerHolder(_ column: String) throws -> LedgerHolder {
        guard let holder = try ledgerAccount(column).holder else { throw StorageError.corrupt("\(column) is not a holder") }
        return holder
    }

    func requiredInt64(_ column: String) throws -> Int64 {
        guard let value = int64(column) else { throw StorageError.corrupt("\(column) is missing") }
        return value
    }
}

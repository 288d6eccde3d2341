extension SQLiteConnection {
    /// Runs `body` in a transaction: commits if it returns, rolls back and rethrows if it throws.
    /// Transactions do not nest; inside one, use `savepoint`.
    @discardableResult
    public func transaction<T>(_ kind: SQLiteTransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        guard !isInTransaction else {
            throw SQLiteError.misuse("a transaction is already open; use a savepoint to nest", sql: kind.beginSQL)
        }
        try execute(kind.beginSQL)
        do {
            let result = try body()
            try execute("COMMIT TRANSACTION")
            return result
        } catch {
            // SQLite may already have rolled back by itself (e.g. on SQLITE_FULL); then there is nothing to undo.
            if isInTransaction { try? execute("ROLLBACK TRANSACTION") }
            throw error
        }
    }

    /// Runs `body` inside `SAVEPOINT name`: released if it returns; if it throws, its changes are
    /// rolled back (the enclosing transaction, if any, goes on) and the error is rethrown.
    @discardableResult
    public func savepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        let sql = savepointSQL(name)
        // Prepared and cached like any statement: the ledger opens one savepoint per operation.
        try run(sql.begin)
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        do {
            let result = try body()
            try run(sql.release)
            return result
        } catch {
            if isInTransaction {
                try? execute(sql.rollback)
                transactionHooks?.savepointRolledBack()
                try? execute(sql.release)
            }
            throw error
        }
    }

    /// The statements of the savepoint `name`, made once per name: the ledger's runs on every award.
    private func savepointSQL(_ name: String) -> SavepointSQL {
        if let known = savepointStatements[name] { return known }
        let identifier = Self.quotedIdentifier(name)
        let sql = SavepointSQL(
            begin: "SAVEPOINT \(identifier)", release: "RELEASE SAVEPOINT \(identifier)", rollback: "ROLLBACK TO SAVEPOINT \(identifier)")
        savepointStatements[name] = sql
        return sql
    }

    struct SavepointSQL {
        let begin: String
        let release: String
        let rollback: String
    }

    /// `name` as a double-quoted SQL identifier, so any savepoint name is safe to splice into SQL.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

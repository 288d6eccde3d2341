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
        let identifier = Self.quotedIdentifier(name)
        // Prepared and cached like any statement: the writer opens one savepoint per request.
        try run("SAVEPOINT \(identifier)")
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        do {
            let result = try body()
            try run("RELEASE SAVEPOINT \(identifier)")
            return result
        } catch {
            if isInTransaction {
                try? execute("ROLLBACK TO SAVEPOINT \(identifier)")
                transactionHooks?.savepointRolledBack()
                try? execute("RELEASE SAVEPOINT \(identifier)")
            }
            throw error
        }
    }

    /// `name` as a double-quoted SQL identifier, so any savepoint name is safe to splice into SQL.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

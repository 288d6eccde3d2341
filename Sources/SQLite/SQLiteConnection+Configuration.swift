import CSQLite

extension SQLiteConnection {
    /// Applies each setting and reads it back: a pragma SQLite silently ignores (e.g. WAL on a
    /// filesystem that cannot do it) must fail the open, not surface later as lost durability.
    func configure(_ configuration: SQLiteConfiguration) throws {
        // First, so that switching the journal mode waits for other connections instead of failing.
        try setPragma("busy_timeout", to: "\(configuration.busyTimeoutMs)",
                      expecting: .integer(Int64(configuration.busyTimeoutMs)))
        if configuration.readOnly {
            // Readers cannot change the journal mode, only check that the writer set it.
            try verifyPragma("journal_mode", expecting: .text("wal"))
        } else {
            try setPragma("journal_mode", to: "WAL", expecting: .text("wal"))
            if let pages = configuration.walAutoCheckpointPages {
                try setPragma("wal_autocheckpoint", to: "\(pages)", expecting: .integer(Int64(pages)))
            }
            try setPragma("journal_size_limit", to: "\(configuration.journalSizeLimitBytes)",
                          expecting: .integer(configuration.journalSizeLimitBytes))
            // Read back, the pragma gives the spill threshold in pages when on, 0 when off.
            if !configuration.spillsCache { try setPragma("cache_spill", to: "OFF", expecting: .integer(0)) }
        }
        try setPragma("synchronous", to: configuration.synchronous.rawValue,
                      expecting: .integer(configuration.synchronous.pragmaNumber))
        try setPragma("foreign_keys", to: configuration.foreignKeys ? "ON" : "OFF",
                      expecting: .integer(configuration.foreignKeys ? 1 : 0))
        // A negative cache_size is in KiB rather than pages.
        let cacheSize = -Int64(configuration.cacheSizeKiB)
        try setPragma("cache_size", to: "\(cacheSize)", expecting: .integer(cacheSize))
    }

    /// `PRAGMA name = value`, then `PRAGMA name`, which must read back `expected`.
    private func setPragma(_ name: String, to value: String, expecting expected: SQLiteValue) throws {
        try execute("PRAGMA \(name) = \(value)")
        try verifyPragma(name, expecting: expected)
    }

    private func verifyPragma(_ name: String, expecting expected: SQLiteValue) throws {
        let sql = "PRAGMA \(name)"
        let actual = try queryOne(sql)?[0] ?? .null
        let matches = switch (actual, expected) {
        case (.text(let a), .text(let e)): a.lowercased() == e.lowercased()
        default: actual == expected
        }
        guard matches else {
            throw SQLiteError(code: SQLITE_ERROR,
                              message: "PRAGMA \(name) is \(actual), expected \(expected)", sql: sql)
        }
    }
}

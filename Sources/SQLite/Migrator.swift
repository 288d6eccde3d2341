/// Applies numbered migrations in order, each once, each with its bookkeeping row in one immediate
/// transaction, after checking that nothing already applied has been edited since.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    /// `migrations` must be in strictly increasing version order (a programmer error otherwise).
    public init(migrations: [Migration]) {
        for (earlier, later) in zip(migrations, migrations.dropFirst()) {
            precondition(earlier.version < later.version,
                         "migrations must be ordered with unique versions: \(earlier.version) then \(later.version)")
        }
        self.migrations = migrations
    }

    static let createBookkeepingSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations(
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    static let recordSQL = """
        INSERT INTO schema_migrations(version, name, checksum, applied_at)
        VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        """

    /// Verifies what is applied, then applies what is pending. Returns the migrations applied now.
    public func migrate(_ connection: SQLiteConnection) throws -> [Migration] {
        try connection.execute(Self.createBookkeepingSQL)
        let pending = try pending(connection)
        for migration in pending {
            try connection.transaction(.immediate) {
                try connection.execute(migration.sql)
                try connection.run(Self.recordSQL, [.integer(Int64(migration.version)),
                                                    .text(migration.name), .text(migration.checksum)])
            }
        }
        return pending
    }

    /// The migrations not yet applied, after verifying the applied ones. Reads only.
    public func pending(_ connection: SQLiteConnection) throws -> [Migration] {
        let applied = try appliedChecksums(connection)
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else { throw MigrationError.unknownApplied(version: version) }
            guard migration.checksum == checksum else {
                throw MigrationError.edited(version: version, name: migration.name)
            }
        }
        return migrations.filter { applied[$0.version] == nil }
    }

    /// Checksums by version of what the database has applied; empty before the first migration.
    private func appliedChecksums(_ connection: SQLiteConnection) throws -> [Int: String] {
        let table = try connection.queryOne(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        guard table != nil else { return [:] }
        var checksums: [Int: String] = [:]
        try connection.forEachRow("SELECT version, checksum FROM schema_migrations") { row in
            guard let version = row.int("version"), let checksum = row.string("checksum") else { return }
            checksums[version] = checksum
        }
        return checksums
    }
}

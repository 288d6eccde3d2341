import Foundation
import SQLite
import Storage

/// A database migrated up to, not including, one version, in its own temporary directory (removed
/// when released), for the tests of a migration that moves data: seed it as the older schema
/// stored it, then `open()` applies the rest as the server does at start.
final class PartlyMigratedDatabase {
    let directory: String
    let path: String
    private let migrations: [Migration]

    init(before version: Int, seed: (SQLiteConnection) throws -> Void) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("laurel-\(version)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/laurel.sqlite"
        migrations = try Migrator.load(directory: TestDatabase.migrationsDirectory)
        let connection = try SQLiteConnection(path: path)
        _ = try Migrator(migrations: migrations.filter { $0.version < version }).migrate(connection)
        try seed(connection)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The database with every migration applied, and the versions this applied.
    func open() throws -> (Database, [Int]) {
        let (database, applied) = try Database.open(path: path, migrations: migrations)
        return (database, applied.map(\.version))
    }
}

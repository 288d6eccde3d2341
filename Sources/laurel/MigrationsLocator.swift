import Foundation
import SQLite

/// Finds `Migrations/`: the configured directory, else `./Migrations` (a checkout), else beside or
/// above the executable (`.build/<config>/laurel` in a checkout, or an installed layout).
enum MigrationsLocator {
    static func load(configured: String?) throws -> [Migration] {
        let directory = try locate(configured: configured)
        return try Migrator.load(directory: directory)
    }

    static func locate(configured: String?) throws -> String {
        if let configured { return configured }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            FileManager.default.currentDirectoryPath + "/Migrations",
            executable.appendingPathComponent("Migrations").path,
            executable.appendingPathComponent("../../Migrations").standardized.path,
            executable.appendingPathComponent("../../../Migrations").standardized.path,
            executable.appendingPathComponent("../share/laurel/Migrations").standardized.path,
        ]
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
        }
        throw ConfigurationLoader.Failure(
            description: "cannot find the Migrations directory (looked in \(candidates.joined(separator: ", "))); set migrations_dir or LAUREL_MIGRATIONS_DIR")
    }
}

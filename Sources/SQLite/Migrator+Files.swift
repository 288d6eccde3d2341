import Foundation

extension Migrator {
    /// Reads every `NNNN_name.sql` file of `directory`, sorted by version. Other `.sql` names and
    /// repeated versions throw; files not ending in `.sql` (a README) are ignored.
    public static func load(directory: String) throws -> [Migration] {
        let fileNames = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".sql") }
        var migrations: [Migration] = []
        for fileName in fileNames {
            guard let (version, name) = parse(fileName: fileName) else { throw MigrationError.badFileName(fileName) }
            let url = URL(fileURLWithPath: directory).appendingPathComponent(fileName)
            let sql = try String(contentsOf: url, encoding: .utf8)
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (earlier, later) in zip(migrations, migrations.dropFirst()) where earlier.version == later.version {
            throw MigrationError.duplicateVersion(later.version)
        }
        return migrations
    }

    /// `0007_add_badges.sql` → (7, "add_badges"): four digits, at least 1, an underscore, then a name
    /// of letters, digits, `_` and `-`.
    static func parse(fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let digits = stem.prefix(4)
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit), let version = Int(digits), version >= 1 else {
            return nil
        }
        let rest = stem.dropFirst(4)
        guard rest.first == "_" else { return nil }
        let name = rest.dropFirst()
        let allowed = { (character: Character) in
            character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
        }
        guard !name.isEmpty, name.allSatisfy(allowed) else { return nil }
        return (version, String(name))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Why migrations cannot be applied. Each one needs a person, not a retry.
public enum MigrationError: Error, CustomStringConvertible, Equatable {
    /// An applied migration's SQL no longer matches the checksum recorded when it ran.
    case edited(version: Int, name: String)
    /// The database has a version that this build does not know (a newer build migrated it?).
    case unknownApplied(version: Int)
    /// A `.sql` file in the migrations directory is not named `NNNN_name.sql`.
    case badFileName(String)
    case duplicateVersion(Int)

    public var description: String {
        switch self {
        case .edited(let version, let name):
            "migration \(version) (\(name)) was edited after it was applied; add a new migration instead"
        case .unknownApplied(let version):
            "the database has migration \(version) applied, which this build does not know"
        case .badFileName(let name):
            "migration file \(name) is not named NNNN_name.sql"
        case .duplicateVersion(let version):
            "two migration files have version \(version)"
        }
    }
}

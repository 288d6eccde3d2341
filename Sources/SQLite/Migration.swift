import Digest
/// One schema change: the SQL of a file named `NNNN_name.sql`, applied once, never edited after landing.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        precondition(version >= 1, "migration versions start at 1")
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Hex SHA-256 of the SQL, recorded when applied so that a later edit of the file is detected.
    public var checksum: String {
        SHA256.hexHash(sql)
    }
}

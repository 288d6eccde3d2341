/// One value as SQLite stores it: the five storage classes, nothing more.
public enum SQLiteValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

// Conveniences so that callers can bind optionals: `nil` becomes `.null`.
extension SQLiteValue {
    public init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }

    public init(_ value: Int64?) {
        self = value.map { .integer($0) } ?? .null
    }

    public init(_ value: Int?) {
        self = value.map { .integer(Int64($0)) } ?? .null
    }

    /// Booleans are stored as 0 and 1, as SQLite itself does.
    public init(_ value: Bool?) {
        self = value.map { .integer($0 ? 1 : 0) } ?? .null
    }

    public init(_ value: Double?) {
        self = value.map { .real($0) } ?? .null
    }

    public init(_ value: [UInt8]?) {
        self = value.map { .blob($0) } ?? .null
    }

    public var isNull: Bool { self == .null }
}

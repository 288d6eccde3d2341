/// The column names of one result set, shared by all of its rows so that each row does not rebuild
/// the name lookup. Immutable, hence `Sendable`.
final class SQLiteColumns: Sendable {
    let names: [String]
    private let indexByName: [String: Int]
    private let indexByLowercasedName: [String: Int]

    init(names: [String]) {
        self.names = names
        var exact: [String: Int] = [:]
        var folded: [String: Int] = [:]
        // The leftmost column wins when a name repeats, as in SQLite's own name resolution.
        for (index, name) in names.enumerated().reversed() {
            exact[name] = index
            folded[name.lowercased()] = index
        }
        indexByName = exact
        indexByLowercasedName = folded
    }

    /// Column names are case-insensitive in SQL, so the lookup is too (exact match first).
    func index(of name: String) -> Int? {
        indexByName[name] ?? indexByLowercasedName[name.lowercased()]
    }
}

/// One row of a result set, copied out of the statement so it can outlive it and cross threads.
public struct SQLiteRow: Sendable {
    let columns: SQLiteColumns
    let values: [SQLiteValue]

    init(columns: SQLiteColumns, values: [SQLiteValue]) {
        precondition(columns.names.count == values.count, "a row has one value per column")
        self.columns = columns
        self.values = values
    }

    public var columnNames: [String] { columns.names }

    /// The value of the named column, `.null` if the row has no such column.
    public subscript(_ column: String) -> SQLiteValue {
        columns.index(of: column).map { values[$0] } ?? .null
    }

    /// The value at `index`, `.null` if out of range.
    public subscript(_ index: Int) -> SQLiteValue {
        values.indices.contains(index) ? values[index] : .null
    }

    public func string(_ column: String) -> String? {
        if case .text(let text) = self[column] { return text }
        return nil
    }

    /// Integers, and reals that are exactly integers; nothing else is converted.
    public func int64(_ column: String) -> Int64? {
        switch self[column] {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        default: nil
        }
    }

    public func int(_ column: String) -> Int? {
        int64(column).flatMap { Int(exactly: $0) }
    }

    /// SQLite has no boolean: 0 is false, any other integer is true.
    public func bool(_ column: String) -> Bool? {
        int64(column).map { $0 != 0 }
    }

    public func double(_ column: String) -> Double? {
        switch self[column] {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    public func blob(_ column: String) -> [UInt8]? {
        if case .blob(let bytes) = self[column] { return bytes }
        return nil
    }
}

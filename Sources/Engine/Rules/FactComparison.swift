/// How fact values compare: numbers exactly across integers and decimals, date-time strings as
/// instants, everything else by JSON equality. A comparison between different kinds has no order.
enum FactComparison {
    enum Order { case orderedAscending, orderedSame, orderedDescending }

    /// The order of two numbers or two RFC 3339 date-times; nil for anything else.
    static func order(_ left: JSONValue, _ right: JSONValue) -> Order? {
        if let a = ExactNumber(json: left), let b = ExactNumber(json: right) { return compare(a, b) }
        if case .string(let x) = left, case .string(let y) = right, let a = RFC3339.parse(x), let b = RFC3339.parse(y) {
            return compare(a, b)
        }
        return nil
    }

    static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
        if let a = ExactNumber(json: left), let b = ExactNumber(json: right) { return a == b }
        if case .string(let x) = left, case .string(let y) = right, x != y, let a = RFC3339.parse(x),
            let b = RFC3339.parse(y)
        {
            return a == b
        }
        return left == right
    }

    private static func compare<T: Comparable>(_ a: T, _ b: T) -> Order {
        a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
    }
}

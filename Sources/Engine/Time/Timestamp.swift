/// An instant, in whole milliseconds since the Unix epoch. Integers so that ordering, windows and
/// storage are exact; RFC 3339 is only how it is written and read at the edges.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    /// RFC 3339 in UTC with millisecond precision, e.g. `2026-11-23T14:05:09.120Z`.
    public var rfc3339: String { RFC3339.format(self) }

    public var description: String { rfc3339 }
}

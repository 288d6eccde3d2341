/// A fact's value as a rule sees it: JSON (string, exact integer or decimal, boolean, null, array).
/// A fact that is not there at all is `nil`, which is not the same as `.null`.
public typealias FactValue = JSONValue

/// Supplies fact values while a rule is evaluated: the member and organization records, event
/// properties, and counters from storage. One method, so tests and storage each bring their own.
public protocol FactSource {
    /// The fact's value, or nil when it is missing.
    func value(of fact: FactPath) -> FactValue?
}

/// A fixed table of facts: for tests and dry runs.
public struct FactTable: FactSource, Sendable {
    public var values: [FactPath: FactValue]

    public init(_ values: [FactPath: FactValue] = [:]) { self.values = values }

    public func value(of fact: FactPath) -> FactValue? { values[fact] }
}

/// What the evaluator itself knows about the event: its type and when it happened. The local
/// weekday and hour are derived from `occurredAt` in the program's time zone (`LocalTime`).
public struct EventFacts: Sendable, Equatable {
    public var type: String
    public var occurredAt: Timestamp

    public init(type: String, occurredAt: Timestamp) {
        self.type = type
        self.occurredAt = occurredAt
    }
}

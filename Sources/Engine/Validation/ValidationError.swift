/// One problem with a request: where (a JSON path such as `$.levels[2].threshold`, or
/// `query.limit` for a query parameter) and what, in words a developer can act on.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Collects every problem of a document instead of stopping at the first, so that a caller can
/// fix them all in one round trip.
public final class ValidationReport {
    public private(set) var problems: [ValidationError] = []

    public init() {}

    public func add(_ path: String, _ message: String) {
        problems.append(ValidationError(path: path, message: message))
    }

    public var isEmpty: Bool { problems.isEmpty }

    /// Throws `DomainError.invalid` when anything was reported.
    public func check() throws(DomainError) {
        if !problems.isEmpty { throw .invalid(problems) }
    }
}

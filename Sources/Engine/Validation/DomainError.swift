/// What can go wrong in the domain, independent of how it is reported. `API` maps each case to an
/// HTTP status in one place.
public enum DomainError: Error, Sendable, Equatable {
    /// The request document is malformed: 400 with every problem's path.
    case invalid([ValidationError])
    /// Well-formed but refers to things that do not exist or break a rule of the domain: 422.
    case unprocessable([ValidationError])
    /// No such thing, or not visible to this key (the two are indistinguishable on purpose): 404.
    case notFound(kind: String, id: String)
    /// The key may see the thing but not do this to it: 403.
    case forbidden(String)
    /// The current state of the thing forbids the change: 409.
    case conflict(String)
    /// Other live configuration or outstanding points still depend on the thing: 409 with one
    /// entry per dependant (`rules/deal`: `awards points`), so the admin sees all of them at once.
    case stillReferenced(String, [ValidationError])
    /// Not possible at the moment, but soon (a board still being ranked): 503 with Retry-After.
    case unavailable(String, retryAfterSeconds: Int)
}

/// Why the server could not start.
public enum HTTPServerError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidHost(String)
    case systemCall(String, Int32)
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidHost(let host): return "invalid listen host \(host)"
        case .systemCall(let name, let code): return "\(name) failed with errno \(code)"
        case .alreadyStarted: return "the server was already started"
        }
    }
}

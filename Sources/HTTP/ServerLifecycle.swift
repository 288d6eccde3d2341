import Synchronization

/// Not started → running → shutting down → stopped; each step happens once.
final class ServerLifecycle: Sendable {
    private enum Phase: Sendable {
        case idle
        case starting
        case running(AcceptLoop, [EventLoop])
        case stopping
        case stopped
    }

    private let phase = Mutex(Phase.idle)

    func begin() throws(HTTPServerError) {
        let started = phase.withLock { phase -> Bool in
            guard case .idle = phase else { return false }
            phase = .starting
            return true
        }
        if !started { throw HTTPServerError.alreadyStarted }
    }

    func running(acceptor: AcceptLoop, loops: [EventLoop]) {
        phase.withLock { $0 = .running(acceptor, loops) }
    }

    func failed() {
        phase.withLock { $0 = .idle }
    }

    /// The parts to stop, or nil if the server is not running (never started, or already stopping).
    func beginShutdown() -> (AcceptLoop, [EventLoop])? {
        phase.withLock { phase in
            guard case let .running(acceptor, loops) = phase else { return nil }
            phase = .stopping
            return (acceptor, loops)
        }
    }

    func stopped() {
        phase.withLock { $0 = .stopped }
    }
}

/// Not started → running → shutting down → stopped; each step happens once.
final class ServerLifecycle: @unchecked Sendable {
    // @unchecked Sendable: `phase` is guarded by `lock`.
    private enum Phase {
        case idle
        case starting
        case running(AcceptLoop, [EventLoop])
        case stopping
        case stopped
    }

    private let lock = Lock()
    private var phase = Phase.idle

    func begin() throws {
        try lock.withLock {
            guard case .idle = phase else { throw HTTPServerError.alreadyStarted }
            phase = .starting
        }
    }

    func running(acceptor: AcceptLoop, loops: [EventLoop]) {
        lock.withLock { phase = .running(acceptor, loops) }
    }

    func failed() {
        lock.withLock { phase = .idle }
    }

    /// The parts to stop, or nil if the server is not running (never started, or already stopping).
    func beginShutdown() -> (AcceptLoop, [EventLoop])? {
        lock.withLock {
            guard case let .running(acceptor, loops) = phase else { return nil }
            phase = .stopping
            return (acceptor, loops)
        }
    }

    func stopped() {
        lock.withLock { phase = .stopped }
    }
}

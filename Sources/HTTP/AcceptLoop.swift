import Dispatch
import Foundation
import Glibc
import Synchronization

/// The thread that accepts connections and hands them round-robin to the event loops.
/// Over the cap it still accepts, and hands the socket over to be answered 503 and closed.
/// When descriptors run out (EMFILE/ENFILE) it backs off instead of spinning.
final class AcceptLoop: @unchecked Sendable {
    // @unchecked Sendable: `listener` and `nextLoop` are used only on the accept thread once
    // started; `stopRequested` is atomic; writing to the eventfd is thread-safe.
    private let listener: Socket
    private let loops: [EventLoop]
    private let counter: ConnectionCounter
    private let wake: Socket
    private let stopRequested = Atomic(false)
    private var nextLoop = 0
    private let finished = DispatchSemaphore(value: 0)
    static let backOffMs: Int32 = 50

    init(listener: Socket, loops: [EventLoop], counter: ConnectionCounter) throws {
        self.listener = listener
        self.loops = loops
        self.counter = counter
        let wakeFD = LinuxSystem.eventFD()
        guard wakeFD >= 0 else { throw HTTPServerError.systemCall("eventfd", errno) }
        wake = Socket(fd: wakeFD)
    }

    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "http-accept"
        thread.start()
    }

    /// Stops accepting and closes the listener; returns once the accept thread has exited.
    func stop() {
        stopRequested.store(true, ordering: .releasing)
        var one: UInt64 = 1
        _ = write(wake.fd, &one, 8)
        finished.wait()
    }

    private var isStopping: Bool { stopRequested.load(ordering: .acquiring) }

    private func run() {
        var fds = [
            pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.fd, events: Int16(POLLIN), revents: 0),
        ]
        while !isStopping {
            let ready = poll(&fds, 2, -1)
            if ready > 0 && fds[0].revents != 0 && !isStopping { acceptBatch() }
        }
        listener.close()
    }

    private func acceptBatch() {
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    LinuxSystem.accept(listener.fd, $0, &length)
                }
            }
            if fd < 0 {
                switch AcceptFailure(errno: errno) {
                case .retry: continue
                case .queueEmpty: return
                case .backOff: backOff(); return
                }
            }
            Socket.setNoDelay(fd)
            let refuse = !counter.tryAcquire()
            loops[nextLoop].post(.adopt(fd: fd, remoteAddress: Socket.describe(storage), refuse: refuse))
            nextLoop = (nextLoop + 1) % loops.count
        }
    }

    /// Out of descriptors: wait a little (or until stopped) rather than spin on a full queue.
    private func backOff() {
        var fd = pollfd(fd: wake.fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&fd, 1, Self.backOffMs)
    }
}

/// What to do when accept fails. Running out of descriptors (EMFILE, ENFILE) or memory leaves the
/// connection in the queue, so the listener stays readable: retrying at once would spin.
enum AcceptFailure: Equatable {
    case retry
    case queueEmpty
    case backOff

    init(errno code: Int32) {
        switch code {
        case EINTR, ECONNABORTED, EPROTO: self = .retry
        case EAGAIN, EWOULDBLOCK: self = .queueEmpty
        default: self = .backOff
        }
    }
}

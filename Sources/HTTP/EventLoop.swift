import Dispatch
import Foundation
import Glibc
import Synchronization

/// One thread with its own epoll set (level-triggered), serving the connections handed to it.
/// Other threads talk to it only through `post`, which queues a message and wakes it via eventfd.
/// Timeouts are checked by one scan of all connections every `scanIntervalMs`, not per request.
final class EventLoop: @unchecked Sendable {
    // @unchecked Sendable: `mailbox` and `wakePending` are guarded by `mailboxLock`; `loopThread`
    // is written once, before `start()` returns (the semaphore orders it), and only read after;
    // every other mutable property is touched only on the loop's own thread.
    enum Message: Sendable {
        case adopt(fd: Int32, remoteAddress: String, refuse: Bool)
        case reply(fd: Int32, connectionID: UInt64, requestID: UInt64, OutgoingResponse)
        case drain
        case stop
    }

    let responder: any HTTPResponder
    let limits: HTTPLimits
    let counter: ConnectionCounter
    let onProtocolResponse: (@Sendable (Int) -> Void)?
    let readBuffer: UnsafeMutableRawBufferPointer
    private(set) var nowMs: Int
    private(set) var date = HTTPDateCache()

    private let epoll: Socket
    private let wake: Socket
    /// Messages from other threads, and whether the loop has already been woken for them.
    private let mailbox = Mutex<(messages: [Message], wakePending: Bool)>(([], false))
    private var loopThread = pthread_t()
    private var connections: [Connection?] = []
    private var needsService: [Connection] = []
    private var nextConnectionID: UInt64 = 1
    private var isDraining = false
    private var isRunning = true
    private var lastScanMs: Int
    private let scanIntervalMs: Int
    private let finished = DispatchSemaphore(value: 0)
    private static let wakeToken = UInt64.max

    init(
        responder: any HTTPResponder, limits: HTTPLimits, counter: ConnectionCounter,
        onProtocolResponse: (@Sendable (Int) -> Void)?
    ) throws {
        self.responder = responder
        self.limits = limits
        self.counter = counter
        self.onProtocolResponse = onProtocolResponse
        let epollFD = LinuxSystem.epollCreate()
        guard epollFD >= 0 else { throw HTTPServerError.systemCall("epoll_create1", errno) }
        epoll = Socket(fd: epollFD)
        let wakeFD = LinuxSystem.eventFD()
        guard wakeFD >= 0 else { throw HTTPServerError.systemCall("eventfd", errno) }
        wake = Socket(fd: wakeFD)
        readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        nowMs = ServerClock.monotonicMs()
        lastScanMs = nowMs
        let shortest = min(limits.headerReadTimeoutMs, limits.bodyReadGapTimeoutMs, limits.idleTimeoutMs)
        scanIntervalMs = max(5, min(250, shortest / 4))
        date.refresh(epochSeconds: ServerClock.epochSeconds())
        guard LinuxSystem.epollControl(epoll.fd, LinuxSystem.EPOLL_CTL_ADD, wake.fd, events: LinuxSystem.EPOLLIN, data: Self.wakeToken) == 0 else {
            throw HTTPServerError.systemCall("epoll_ctl", errno)
        }
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Returns once the loop thread runs, so that `loopThread` is set before anyone reads it.
    func start() {
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            loopThread = pthread_self()
            started.signal()
            run()
            finished.signal()
        }
        thread.name = "http-event-loop"
        thread.start()
        started.wait()
    }

    /// Blocks until the loop thread has exited after `.stop`.
    func waitUntilStopped() {
        finished.wait()
    }

    func post(_ message: Message) {
        let mustWake = mailbox.withLock { mailbox in
            mailbox.messages.append(message)
            defer { mailbox.wakePending = true }
            return !mailbox.wakePending
        }
        if mustWake {
            var one: UInt64 = 1
            _ = write(wake.fd, &one, 8)
        }
    }

    var isOnLoopThread: Bool { pthread_equal(pthread_self(), loopThread) != 0 }

    /// The reply handed to the responder: answers at once on this thread, else queues to it.
    func makeReply(fd: Int32, connectionID: UInt64, requestID: UInt64, headRequest: Bool, version: HTTPVersion) -> HTTPReply {
        HTTPReply { [self] response in
            let outgoing = OutgoingResponse(response: response, headRequest: headRequest, version: version)
            if isOnLoopThread {
                deliver(outgoing, fd: fd, connectionID: connectionID, requestID: requestID)
            } else {
                post(.reply(fd: fd, connectionID: connectionID, requestID: requestID, outgoing))
            }
        }
    }

    private func deliver(_ response: OutgoingResponse, fd: Int32, connectionID: UInt64, requestID: UInt64) {
        // A reply for a connection that is gone (the fd may even be reused) is dropped.
        guard fd < connections.count, let connection = connections[Int(fd)], connection.id == connectionID else { return }
        connection.responseArrived(response, requestID: requestID)
        // A connection parsing right now writes when it is done; any other is written after this
        // batch of events, so that replies arriving together leave in one send.
        if !connection.isProcessingInput && !connection.isQueuedForService {
            connection.isQueuedForService = true
            needsService.append(connection)
        }
    }

    private func serviceQueuedConnections() {
        while let connection = needsService.popLast() {
            connection.isQueuedForService = false
            connection.service()
        }
    }

    func modify(fd: Int32, events: UInt32) {
        _ = LinuxSystem.epollControl(epoll.fd, LinuxSystem.EPOLL_CTL_MOD, fd, events: events, data: UInt64(fd))
    }

    func remove(_ connection: Connection) {
        let index = Int(connection.fd)
        if index < connections.count, connections[index] === connection { connections[index] = nil }
    }

    private func run() {
        let events = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * LinuxSystem.epollEventStride, alignment: 8)
        defer { events.deallocate() }
        while isRunning {
            let ready = LinuxSystem.epollWait(epoll.fd, events, timeoutMs: Int32(scanIntervalMs))
            nowMs = ServerClock.monotonicMs()
            date.refresh(epochSeconds: ServerClock.epochSeconds())
            if ready < 0 && errno != EINTR { fatalError("epoll_wait failed: \(errno)") }
            for index in 0..<Int(max(ready, 0)) {
                let (flags, token) = LinuxSystem.event(in: events, at: index)
                if token == Self.wakeToken {
                    receiveMail()
                    continue
                }
                let fd = Int(token)
                guard fd < connections.count, let connection = connections[fd] else { continue }
                connection.handle(events: flags)
            }
            serviceQueuedConnections()
            if nowMs - lastScanMs >= scanIntervalMs {
                lastScanMs = nowMs
                for case let connection? in connections { connection.tick() }
            }
        }
        for case let connection? in connections { connection.close(graceful: false) }
    }

    private func receiveMail() {
        var count: UInt64 = 0
        _ = read(wake.fd, &count, 8)  // read before taking the mail, so no wake-up is lost
        let messages = mailbox.withLock { mailbox in
            mailbox.wakePending = false
            defer { mailbox.messages.removeAll(keepingCapacity: true) }
            return mailbox.messages
        }
        for message in messages {
            switch message {
            case let .adopt(fd, remoteAddress, refuse):
                adopt(fd: fd, remoteAddress: remoteAddress, refuse: refuse)
            case let .reply(fd, connectionID, requestID, response):
                deliver(response, fd: fd, connectionID: connectionID, requestID: requestID)
            case .drain:
                isDraining = true
                for case let connection? in connections { connection.drain() }
            case .stop:
                isRunning = false
            }
        }
    }

    private func adopt(fd: Int32, remoteAddress: String, refuse: Bool) {
        let connection = Connection(
            fd: fd, id: nextConnectionID, remoteAddress: remoteAddress, loop: self, holdsCapPlace: !refuse
        )
        nextConnectionID += 1
        let index = Int(fd)
        if index >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: max(index + 1, connections.count * 2) - connections.count))
        }
        connections[index] = connection
        connection.interest = LinuxSystem.EPOLLIN
        guard LinuxSystem.epollControl(epoll.fd, LinuxSystem.EPOLL_CTL_ADD, fd, events: LinuxSystem.EPOLLIN, data: UInt64(fd)) == 0 else {
            connection.close(graceful: false)
            return
        }
        if refuse {
            connection.refuse()
        } else if isDraining {
            connection.drain()
        }
    }
}

import Foundation
import Glibc

/// Where and how the server listens.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 picks an ephemeral port; `HTTPServer.start()` returns the one bound.
    public var port: Int = 8080
    public var limits = HTTPLimits()
    /// Threads that run the connection event loops.
    public var eventLoopCount: Int = 2
    public var listenBacklog: Int = 1024
    /// Called for every response the server writes on its own (protocol errors, 408, 503 at the
    /// connection cap) so that metrics count them; the responder never sees those requests.
    public var onProtocolResponse: (@Sendable (_ status: Int) -> Void)?

    public init() {}
}

/// An HTTP/1.1 server: one accept thread and `eventLoopCount` epoll loops. The responder is called
/// on a loop thread and may reply at once or later from any thread.
public final class HTTPServer: Sendable {
    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let counter: ConnectionCounter
    private let lifecycle = ServerLifecycle()

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
        self.counter = ConnectionCounter(max: configuration.limits.connectionsMax)
    }

    /// Binds, listens and starts serving; returns the bound port.
    public func start() throws -> Int {
        try lifecycle.begin()
        signal(SIGPIPE, SIG_IGN)  // a peer that went away must not kill the process
        do {
            let (listener, port) = try Listener.bind(
                host: configuration.host, port: configuration.port, backlog: configuration.listenBacklog
            )
            var loops: [EventLoop] = []
            for _ in 0..<max(1, configuration.eventLoopCount) {
                loops.append(try EventLoop(
                    responder: responder, limits: configuration.limits, counter: counter,
                    onProtocolResponse: configuration.onProtocolResponse
                ))
            }
            let acceptor = try AcceptLoop(listener: listener, loops: loops, counter: counter)
            loops.forEach { $0.start() }
            acceptor.start()
            lifecycle.running(acceptor: acceptor, loops: loops)
            return port
        } catch {
            lifecycle.failed()
            throw error
        }
    }

    /// Connections open right now.
    public var openConnectionCount: Int { counter.current }

    /// Stops accepting, lets in-flight requests finish (answering them with `Connection: close`),
    /// closes idle connections, and returns once all are closed or `drainTimeoutMs` has passed.
    /// Callable from any thread. From a responder on an event-loop thread it cannot wait for that
    /// loop, so it starts the shutdown on a thread of its own and returns at once.
    public func shutdown(drainTimeoutMs: Int) {
        guard let (acceptor, loops) = lifecycle.beginShutdown() else { return }
        if loops.contains(where: \.isOnLoopThread) {
            Thread.detachNewThread { [self] in drain(acceptor: acceptor, loops: loops, timeoutMs: drainTimeoutMs) }
            return
        }
        drain(acceptor: acceptor, loops: loops, timeoutMs: drainTimeoutMs)
    }

    private func drain(acceptor: AcceptLoop, loops: [EventLoop], timeoutMs drainTimeoutMs: Int) {
        acceptor.stop()
        loops.forEach { $0.post(.drain) }
        let deadlineMs = ServerClock.monotonicMs() + drainTimeoutMs
        while counter.current > 0 && ServerClock.monotonicMs() < deadlineMs {
            usleep(2_000)
        }
        loops.forEach { $0.post(.stop) }
        loops.forEach { $0.waitUntilStopped() }
        lifecycle.stopped()
    }
}

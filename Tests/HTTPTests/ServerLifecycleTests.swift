import Synchronization
import Glibc
import Testing
@testable import HTTP

@Suite struct ServerLifecycleTests {
    @Test func startingTwiceFailsAndShutdownIsIdempotent() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: EchoResponder())
        server.shutdown(drainTimeoutMs: 100)  // not started: returns at once
        let port = try server.start()
        #expect(port > 0)
        #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
        let started = ServerClock.monotonicMs()
        server.shutdown(drainTimeoutMs: 1000)
        server.shutdown(drainTimeoutMs: 1000)
        #expect(ServerClock.monotonicMs() - started < 500)
    }

    @Test func anInvalidHostIsReported() {
        var configuration = HTTPServerConfiguration()
        configuration.host = "not-an-address"
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: EchoResponder())
        #expect(throws: HTTPServerError.invalidHost("not-an-address")) { try server.start() }
    }

    @Test func aClientThatHalfClosesStillGetsItsResponse() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /delay/30 HTTP/1.1\r\nHost: a\r\n\r\n")
            shutdown(client.fd, Int32(SHUT_WR))
            let response = try #require(client.readResponse())
            #expect(response.bodyText == "delayed 30")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func shutdownForceClosesWhatDoesNotFinishInTime() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let responder = CountingResponder()
        let server = HTTPServer(configuration: configuration, responder: responder)
        let port = try server.start()
        let client = RawClient(port: port)
        client.send("GET /delay/2000 HTTP/1.1\r\nHost: a\r\n\r\n")
        // The request must be in the responder's hands, not merely accepted, for the drain to wait on it.
        #expect(eventually { responder.received == 1 })
        let started = ServerClock.monotonicMs()
        server.shutdown(drainTimeoutMs: 100)
        let elapsed = ServerClock.monotonicMs() - started
        #expect(elapsed >= 80 && elapsed < 1000)
        #expect(server.openConnectionCount == 0)
        #expect(client.isClosedByPeer())
    }
}

@Suite struct AcceptFailureTests {
    @Test func runningOutOfDescriptorsBacksOffInsteadOfSpinning() {
        #expect(AcceptFailure(errno: EMFILE) == .backOff)
        #expect(AcceptFailure(errno: ENFILE) == .backOff)
        #expect(AcceptFailure(errno: ENOBUFS) == .backOff)
        #expect(AcceptFailure(errno: EAGAIN) == .queueEmpty)
        #expect(AcceptFailure(errno: ECONNABORTED) == .retry)
        #expect(AcceptFailure(errno: EINTR) == .retry)
    }
}

/// Calls `shutdown` from inside `respond`, on the event-loop thread.
struct ShutdownFromResponder: HTTPResponder {
    let server: ServerBox
    func respond(to request: HTTPRequest, reply: HTTPReply) {
        reply(HTTPResponse(status: 200))
        server.server?.shutdown(drainTimeoutMs: 1000)
    }
}

final class ServerBox: @unchecked Sendable {
    // @unchecked Sendable: `server` is set once before the server starts and only read afterwards.
    var server: HTTPServer?
}

@Suite struct ShutdownFromLoopTests {
    @Test func shutdownCalledOnAnEventLoopThreadDoesNotDeadlock() throws {
        let box = ServerBox()
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: ShutdownFromResponder(server: box))
        box.server = server
        let port = try server.start()
        let client = RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        #expect(client.isClosedByPeer())
        #expect(eventually { server.openConnectionCount == 0 })
    }
}

/// EchoResponder that counts the requests handed to it.
final class CountingResponder: HTTPResponder {
    private let count = Mutex(0)
    private let echo = EchoResponder()

    var received: Int { count.withLock { $0 } }

    func respond(to request: HTTPRequest, reply: HTTPReply) {
        count.withLock { $0 += 1 }
        echo.respond(to: request, reply: reply)
    }
}

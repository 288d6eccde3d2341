import Foundation
import Glibc
import Testing
@testable import HTTP

@Suite struct ServerBackpressureTests {
    @Test func readingResumesInOrderAfterThePipeliningDepthIsReached() throws {
        try withServer(limits: testLimits { $0.pipelinedRequestsMax = 2 }) { port, _ in
            let client = RawClient(port: port)
            client.send(
                "GET /delay/60 HTTP/1.1\r\nHost: a\r\n\r\nGET /delay/10 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /three HTTP/1.1\r\nHost: a\r\n\r\nGET /delay/5 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /five HTTP/1.1\r\nHost: a\r\n\r\n"
            )
            let bodies = (0..<5).map { _ in client.readResponse()?.bodyText }
            #expect(bodies == ["delayed 60", "delayed 10", "GET /three ", "delayed 5", "GET /five "])
        }
    }

    @Test func chunkedBodyPastTheLimitGets413AndCloses() throws {
        try withServer(limits: testLimits { $0.bodyBytesMax = 5 }) { port, _ in
            let client = RawClient(port: port)
            client.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n1\r\nf\r\n0\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func expectContinueIsNotSentToHTTP10() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("POST /e HTTP/1.0\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nok")
            let response = try #require(client.readResponse())
            #expect(response.status == 200)
            #expect(response.bodyText == "POST /e ok")
        }
    }

    @Test func aPeerThatStopsReadingIsClosedAfterTheIdleTimeout() throws {
        try withServer(limits: testLimits { $0.idleTimeoutMs = 200 }) { port, server in
            let client = RawClient(port: port)
            var size: Int32 = 4096
            setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            client.send("GET /big/16000000 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(eventually { server.openConnectionCount == 1 })
            usleep(100_000)
            #expect(server.openConnectionCount == 1)  // still writing to a peer that does not read
            #expect(eventually(timeoutMs: 3000) { server.openConnectionCount == 0 })
        }
    }
}

/// Parks the reply of `/park` and answers it from inside the responder call for `/release`,
/// which runs on the same loop thread but for another connection.
final class ParkingResponder: HTTPResponder, @unchecked Sendable {
    // @unchecked Sendable: `parked` is guarded by `lock`.
    private let lock = NSLock()
    private var parked: HTTPReply?

    func respond(to request: HTTPRequest, reply: HTTPReply) {
        if request.path == "/park" {
            lock.lock(); parked = reply; lock.unlock()
            return
        }
        lock.lock(); let waiting = parked; parked = nil; lock.unlock()
        waiting?(HTTPResponse(status: 200, body: Array("released".utf8)))
        reply(HTTPResponse(status: 200, body: Array("releaser".utf8)))
    }
}

@Suite struct CrossConnectionReplyTests {
    @Test func aReplyGivenOnTheLoopThreadForAnotherConnectionIsWrittenAtOnce() throws {
        try withServer(responder: ParkingResponder(), eventLoopCount: 1) { port, _ in
            let parked = RawClient(port: port, receiveTimeoutMs: 1000)
            parked.send("GET /park HTTP/1.1\r\nHost: a\r\n\r\n")
            usleep(50_000)
            let releaser = RawClient(port: port)
            releaser.send("GET /release HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(releaser.readResponse()?.bodyText == "releaser")
            #expect(parked.readResponse()?.bodyText == "released")
        }
    }
}

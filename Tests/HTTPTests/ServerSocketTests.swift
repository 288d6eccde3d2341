import Dispatch
import Foundation
import Glibc
import Testing
@testable import HTTP

@Suite struct ServerSocketTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            for index in 0..<3 {
                client.send("GET /r\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
                let response = try #require(client.readResponse())
                #expect(response.status == 200)
                #expect(response.bodyText == "GET /r\(index) ")
                #expect(response.header("Connection") == nil)
                #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            }
        }
    }

    @Test func pipelinedResponsesKeepRequestOrderWhenTheFirstReplyIsLate() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send(
                "GET /delay/150 HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /third HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz"
            )
            #expect(client.readResponse()?.bodyText == "delayed 150")
            #expect(client.readResponse()?.bodyText == "GET /second ")
            #expect(client.readResponse()?.bodyText == "POST /third xyz")
        }
    }

    @Test func http10ClosesByDefault() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /old HTTP/1.0\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.bodyText == "GET /old ")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func http10KeepsAliveWhenAsked() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(client.readResponse()?.header("Connection") == "keep-alive")
            client.send("GET /b HTTP/1.0\r\n\r\n")
            #expect(client.readResponse()?.bodyText == "GET /b ")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func connectionCloseFromTheClientIsHonoured() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /a HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            #expect(client.readResponse()?.header("Connection") == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func chunkedBodyIsDecoded() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n")
            usleep(20_000)
            client.send("5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n")
            #expect(client.readResponse()?.bodyText == "POST /c Wikipedia")
        }
    }

    @Test func expectContinueGets100BeforeTheBodyIsSent() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            #expect(client.readResponse()?.status == 100)
            client.send("hello")
            #expect(client.readResponse()?.bodyText == "POST /e hello")
        }
    }

    @Test func expectContinueWithTooLargeBodyGets413AndNo100() throws {
        try withServer(limits: testLimits { $0.bodyBytesMax = 10 }) { port, _ in
            let client = RawClient(port: port)
            client.send("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func headSendsTheLengthButNoBody() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\n")
            let head = try #require(client.readResponse(headRequest: true))
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "\("HEAD /h ".utf8.count)")
            // The next response starts right away: no body bytes were sent for HEAD.
            client.send("GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(client.readResponse()?.bodyText == "GET /next ")
        }
    }

    @Test func declaredBodyAtTheLimitIsReadAndOnePastIsRefused() throws {
        try withServer(limits: testLimits { $0.bodyBytesMax = 8 }) { port, _ in
            let ok = RawClient(port: port)
            ok.send("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 8\r\n\r\n12345678")
            #expect(ok.readResponse()?.bodyText == "POST /b 12345678")
            let refused = RawClient(port: port)
            refused.send("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\n")
            let response = try #require(refused.readResponse())
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(refused.isClosedByPeer())
        }
    }

    @Test func oversizedHeadersGet431AndLongRequestLinesGet414() throws {
        let limits = testLimits { $0.headerFieldBytesMax = 64; $0.requestLineBytesMax = 64 }
        try withServer(limits: limits) { port, _ in
            let header = RawClient(port: port)
            header.send("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "v", count: 100))\r\n\r\n")
            #expect(header.readResponse()?.status == 431)
            #expect(header.isClosedByPeer())
            let line = RawClient(port: port)
            line.send("GET /\(String(repeating: "p", count: 100)) HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(line.readResponse()?.status == 414)
            #expect(line.isClosedByPeer())
        }
    }

    @Test(arguments: [
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
        "G@T / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\nHost: a\n\n",
        "GET /\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n",
    ])
    func malformedRequestsGet400ProblemAndClose(request: String) throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send(request)
            let response = try #require(client.readResponse())
            #expect(response.status == 400)
            #expect(response.header("Connection") == "close")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.bodyText.hasPrefix("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":"))
            #expect(client.isClosedByPeer())
        }
    }

    @Test func http2PrefaceGets505() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
            #expect(client.readResponse()?.status == 505)
            #expect(client.isClosedByPeer())
        }
    }

    @Test func slowHeadersGet408AndClose() throws {
        try withServer(limits: testLimits { $0.headerReadTimeoutMs = 200 }) { port, _ in
            let client = RawClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: a\r\n")
            let started = ServerClock.monotonicMs()
            let response = try #require(client.readResponse())
            #expect(response.status == 408)
            #expect(ServerClock.monotonicMs() - started >= 150)
            #expect(client.isClosedByPeer())
        }
    }

    @Test func slowBodyGets408AndClose() throws {
        try withServer(limits: testLimits { $0.bodyReadGapTimeoutMs = 200 }) { port, _ in
            let client = RawClient(port: port)
            client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")
            #expect(client.readResponse()?.status == 408)
            #expect(client.isClosedByPeer())
        }
    }

    @Test func idleKeepAliveConnectionIsClosedSilently() throws {
        try withServer(limits: testLimits { $0.idleTimeoutMs = 200 }) { port, server in
            let client = RawClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            #expect(client.isClosedByPeer())
            #expect(eventually { server.openConnectionCount == 0 })
        }
    }

    @Test func connectionsOverTheCapGet503AndServiceResumesWhenOneCloses() throws {
        try withServer(limits: testLimits { $0.connectionsMax = 3 }) { port, server in
            var clients = (0..<3).map { _ in RawClient(port: port) }
            #expect(eventually { server.openConnectionCount == 3 })
            let extra = RawClient(port: port)
            let refused = try #require(extra.readResponse())
            #expect(refused.status == 503)
            #expect(refused.header("Connection") == "close")
            #expect(extra.isClosedByPeer())
            clients[0].send("GET /still HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(clients[0].readResponse()?.bodyText == "GET /still ")
            clients.removeFirst()
            #expect(eventually { server.openConnectionCount == 2 })
            let next = RawClient(port: port)
            next.send("GET /again HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(next.readResponse()?.bodyText == "GET /again ")
        }
    }

    @Test func peerResetMidRequestLeavesTheServerServing() throws {
        try withServer { port, server in
            for _ in 0..<5 {
                let client = RawClient(port: port)
                client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc")
                client.reset()
            }
            let late = RawClient(port: port)
            late.send("GET /delay/50 HTTP/1.1\r\nHost: a\r\n\r\n")
            late.reset()  // its reply arrives for a connection that is gone
            usleep(100_000)
            let client = RawClient(port: port)
            client.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(client.readResponse()?.bodyText == "GET /ok ")
            #expect(eventually { server.openConnectionCount == 1 })
        }
    }

    @Test func largeResponsesSurvivePartialWrites() throws {
        try withServer { port, _ in
            let client = RawClient(port: port)
            client.send("GET /big/3000000 HTTP/1.1\r\nHost: a\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n")
            usleep(100_000)  // let the socket buffers fill so the server must wait for EPOLLOUT
            let big = try #require(client.readResponse())
            #expect(big.body.count == 3_000_000)
            #expect(big.body == patternBytes(3_000_000))
            #expect(client.readResponse()?.bodyText == "GET /after ")
        }
    }

    @Test func shutdownDrainsAnInFlightRequestWithConnectionClose() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: EchoResponder())
        let port = try server.start()
        let busy = RawClient(port: port)
        let idle = RawClient(port: port)
        idle.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        busy.send("GET /delay/200 HTTP/1.1\r\nHost: a\r\n\r\n")
        usleep(30_000)
        let done = DispatchSemaphore(value: 0)
        let started = ServerClock.monotonicMs()
        Thread.detachNewThread {
            server.shutdown(drainTimeoutMs: 2000)
            done.signal()
        }
        #expect(idle.isClosedByPeer())
        let response = try #require(busy.readResponse())
        #expect(response.bodyText == "delayed 200")
        #expect(response.header("Connection") == "close")
        #expect(busy.isClosedByPeer())
        #expect(done.wait(timeout: .now() + 2) == .success)
        #expect(ServerClock.monotonicMs() - started < 1500)
        #expect(server.openConnectionCount == 0)
    }

    @Test func protocolResponsesAreReported() throws {
        let statuses = StatusRecorder()
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.onProtocolResponse = { statuses.record($0) }
        let server = HTTPServer(configuration: configuration, responder: EchoResponder())
        let port = try server.start()
        defer { server.shutdown(drainTimeoutMs: 500) }
        let client = RawClient(port: port)
        client.send("GET / HTTP/1.1\r\n\r\n")
        #expect(client.readResponse()?.status == 400)
        #expect(statuses.all == [400])
    }
}

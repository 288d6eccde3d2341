#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// HTTP/1.1 at the edges, over raw sockets against the real binary: every limit at the limit and
/// one past it, request smuggling shapes, pipelining, timeouts and the connection cap.
@Suite("HTTP protocol at the edges")
struct ProtocolTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Sends `request` and reads the answer, leaving the connection as it is.
    static func answer(_ port: Int, _ request: [UInt8]) throws -> WireResponse {
        let connection = try RawConnection(port: port)
        connection.send(request)
        return try connection.readResponse()
    }

    /// Sends `request`, reads the answer, and reports whether the server then closed the connection.
    static func exchange(_ port: Int, _ request: [UInt8]) throws -> (WireResponse, closed: Bool) {
        let connection = try RawConnection(port: port)
        connection.send(request)
        let response = try connection.readResponse()
        return (response, connection.closesWithoutMoreData())
    }

    @Test func requestLineAtTheLimitIsReadAndOnePastIs414() throws {
        let server = try LaurelProcess()
        // "GET /aaa… HTTP/1.1" is 8192 bytes, CRLF not counted.
        let fixed = "GET / HTTP/1.1".utf8.count
        let atLimit = "GET /\(String(repeating: "a", count: 8192 - fixed)) HTTP/1.1"
        #expect(atLimit.utf8.count == 8192)
        let ok = try Self.answer(server.port, Self.bytes("\(atLimit)\r\nHost: x\r\n\r\n"))
        #expect(ok.status == 404)
        let past = "GET /\(String(repeating: "a", count: 8193 - fixed)) HTTP/1.1"
        let (tooLong, closed) = try Self.exchange(server.port, Self.bytes("\(past)\r\nHost: x\r\n\r\n"))
        #expect(tooLong.status == 414)
        #expect(closed)
    }

    @Test func headerFieldAndHeaderCountAndHeaderBytesLimits() throws {
        let server = try LaurelProcess()
        func field(_ length: Int, _ name: String = "X-Pad") -> String {
            "\(name): " + String(repeating: "v", count: length - name.utf8.count - 2)
        }
        func request(_ fields: [String]) -> [UInt8] {
            Self.bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n" + fields.map { $0 + "\r\n" }.joined() + "\r\n")
        }
        #expect(try Self.answer(server.port, request([field(8192)])).status == 200)
        let (fieldTooLong, closed) = try Self.exchange(server.port, request([field(8193)]))
        #expect(fieldTooLong.status == 431)
        #expect(closed)

        let ninetyNine = (0..<99).map { "X-F\($0): v" }  // with Host: 100 fields
        #expect(try Self.answer(server.port, request(ninetyNine)).status == 200)
        #expect(try Self.answer(server.port, request(ninetyNine + ["X-One-More: v"])).status == 431)

        // All header lines together: "Host: x" (7) + 3 × 8192 + the rest = 32 768 bytes.
        let full = [field(8192, "X-A"), field(8192, "X-B"), field(8192, "X-C")]
        #expect(try Self.answer(server.port, request(full + [field(32768 - 7 - 3 * 8192, "X-D")])).status == 200)
        #expect(try Self.answer(server.port, request(full + [field(32769 - 7 - 3 * 8192, "X-D")])).status == 431)
    }

    @Test func bodyAtTheLimitIsAcceptedAndALargerDeclaredLengthIs413BeforeTheBody() throws {
        let server = try LaurelProcess()
        let auth = ("Authorization", "Bearer \(server.adminKey)")
        let json = Self.bytes(#"{"name":"Big","kind":"partner"}"#)
        let padded = json + [UInt8](repeating: 0x20, count: 1_048_576 - json.count)
        let connection = try RawConnection(port: server.port)
        connection.send(RawHTTP.requestBytes("PUT", "/v1/organizations/big", headers: [auth, ("Content-Type", "application/json")], body: padded))
        #expect(try connection.readResponse().status == 201)

        // Only the head is sent: the answer must come without waiting for 1 MiB + 1 of body.
        let refused = try RawConnection(port: server.port)
        refused.send("PUT /v1/organizations/bigger HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(server.adminKey)\r\nContent-Type: application/json\r\nContent-Length: 1048577\r\n\r\n")
        let answer = try refused.readResponse()
        #expect(answer.status == 413)
        #expect(answer.header("Connection")?.lowercased() == "close")
        #expect(refused.closesWithoutMoreData())
        #expect(try server.client().get("/v1/organizations/bigger").status == 404)
    }

    @Test(arguments: [
        ("content-length with transfer-encoding", "PUT /v1/organizations/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("duplicate content-length", "PUT /v1/organizations/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"),
        ("bad content-length", "PUT /v1/organizations/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2x\r\n\r\n{}"),
        ("negative content-length", "PUT /v1/organizations/x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
        ("obs-fold", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n"),
        ("space before colon", "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n"),
        ("missing host", "GET /healthz HTTP/1.1\r\nX-A: b\r\n\r\n"),
        ("bare line feed", "GET /healthz HTTP/1.1\nHost: x\n\n"),
        ("garbage request line", "HELLO\r\n\r\n"),
    ])
    func malformedRequestsAre400AndClose(_ name: String, _ request: String) throws {
        let server = try LaurelProcess()
        let (response, closed) = try Self.exchange(server.port, Self.bytes(request))
        #expect(response.status == 400, "\(name)")
        #expect(response.header("Connection")?.lowercased() == "close", "\(name)")
        #expect(closed, "\(name): the connection is closed")
        #expect(try RawHTTP.request(port: server.port, "GET", "/healthz").status == 200, "the server stays up")
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try LaurelProcess()
        let connection = try RawConnection(port: server.port)
        let paths = ["/healthz", "/nowhere", "/readyz"]
        let batch = paths.enumerated().flatMap { index, path in
            RawHTTP.requestBytes("GET", path, headers: [("X-Request-Id", "pipe-\(index)")])
        }
        connection.send(batch)
        let answers = try (0..<3).map { _ in try connection.readResponse() }
        #expect(answers.map(\.status) == [200, 404, 200])
        #expect(answers.map { $0.header("X-Request-Id") } == ["pipe-0", "pipe-1", "pipe-2"])
        #expect(answers[2].json["status"] as? String == "ready")
    }

    @Test func http10HeadAndKeepAlive() throws {
        let server = try LaurelProcess()
        let (old, closed) = try Self.exchange(server.port, Self.bytes("GET /healthz HTTP/1.0\r\n\r\n"))
        #expect(old.status == 200)
        #expect(old.json["status"] as? String == "ok")
        #expect(closed, "HTTP/1.0 without keep-alive closes")

        let connection = try RawConnection(port: server.port)
        connection.send(RawHTTP.requestBytes("HEAD", "/healthz"))
        let head = try connection.readResponse(bodyless: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length").flatMap(Int.init).map { $0 > 0 } == true)
        // The same connection still works, so HEAD sent no stray body bytes.
        connection.send(RawHTTP.requestBytes("GET", "/healthz"))
        let next = try connection.readResponse()
        #expect(next.status == 200)
        #expect(next.json["status"] as? String == "ok")
    }

    @Test func chunkedBodyAndExpectContinue() throws {
        let server = try LaurelProcess()
        let auth = "Authorization: Bearer \(server.adminKey)\r\nContent-Type: application/json\r\n"
        let chunked = try RawConnection(port: server.port)
        chunked.send("PUT /v1/organizations/chunky HTTP/1.1\r\nHost: x\r\n\(auth)Transfer-Encoding: chunked\r\n\r\n")
        let pieces = [#"{"name":"Chun"#, #"ky","kind":"partner"}"#]
        for piece in pieces { chunked.send(String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n") }
        chunked.send("0\r\n\r\n")
        let created = try chunked.readResponse()
        #expect(created.status == 201, "\(created.text)")
        #expect(created.json["name"] as? String == "Chunky")

        let body = #"{"name":"Patient","kind":"partner"}"#
        let expecting = try RawConnection(port: server.port)
        expecting.send("PUT /v1/organizations/patient HTTP/1.1\r\nHost: x\r\n\(auth)Expect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
        let interim = try expecting.readResponse()
        #expect(interim.status == 100)
        expecting.send(body)
        #expect(try expecting.readResponse().status == 201)
        #expect(try server.client().get("/v1/organizations/patient").status == 200)
    }

    @Test func slowHeadersSlowBodiesAndIdleConnectionsTimeOut() throws {
        let server = try LaurelProcess(config: ["http": ["header_read_timeout_ms": 300, "body_read_gap_timeout_ms": 300, "idle_timeout_ms": 600]])
        let slowHead = try RawConnection(port: server.port)
        slowHead.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
        let started = Date()
        let timedOut = try slowHead.readResponse()
        #expect(timedOut.status == 408)
        #expect(Date().timeIntervalSince(started) < 4)
        #expect(slowHead.closesWithoutMoreData())

        let slowBody = try RawConnection(port: server.port)
        slowBody.send("PUT /v1/organizations/slow HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(server.adminKey)\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"na")
        #expect(try slowBody.readResponse().status == 408)
        #expect(slowBody.closesWithoutMoreData())

        let idle = try RawConnection(port: server.port)
        idle.send(RawHTTP.requestBytes("GET", "/healthz"))
        #expect(try idle.readResponse().status == 200)
        let idleStart = Date()
        #expect(idle.closesWithoutMoreData(), "an idle keep-alive connection is closed")
        #expect(Date().timeIntervalSince(idleStart) >= 0.3)
        #expect(try server.client().get("/v1/organizations/slow").status == 404)
    }

    @Test func connectionsOverTheCapGet503AndTheServerStaysUp() throws {
        let server = try LaurelProcess(config: ["http": ["connections_max": 3]])
        let held = try (0..<3).map { _ in try RawConnection(port: server.port) }
        for connection in held {
            connection.send(RawHTTP.requestBytes("GET", "/healthz"))
            #expect(try connection.readResponse().status == 200)
        }
        let extra = try RawConnection(port: server.port)
        extra.send(RawHTTP.requestBytes("GET", "/healthz"))
        let refused = try extra.readResponse()
        #expect(refused.status == 503)
        #expect(extra.closesWithoutMoreData())
        // The held connections still work; after they go, new ones are served.
        held[0].send(RawHTTP.requestBytes("GET", "/healthz"))
        #expect(try held[0].readResponse().status == 200)
        _ = consume held
        var served = false
        for _ in 0..<50 where !served {
            served = (try? RawHTTP.request(port: server.port, "GET", "/healthz").status) == 200
            if !served { usleep(20_000) }
        }
        #expect(served)
        #expect(server.isRunning)
    }

    @Test func notFoundAndMethodNotAllowedAreProblems() throws {
        let server = try LaurelProcess()
        let missing = try RawHTTP.request(port: server.port, "GET", "/v2/anything")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(missing.json["status"] as? Int == 404)
        #expect(missing.json["title"] is String)
        let wrongMethod = try RawHTTP.request(port: server.port, "DELETE", "/healthz")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow")?.contains("GET") == true)
        #expect(wrongMethod.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let members = try RawHTTP.request(port: server.port, "POST", "/v1/members/x", body: Self.bytes("{}"))
        #expect(members.status == 405)
        let allowed = Set((members.header("Allow") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(allowed.isSuperset(of: ["GET", "PUT", "DELETE"]) && !allowed.contains("POST"))
    }

    @Test func jsonBodiesAreBoundedAndTyped() throws {
        let server = try LaurelProcess()
        let api = server.client()
        func put(_ body: String, contentType: String = "application/json") throws -> WireResponse {
            try RawHTTP.request(port: server.port, "PUT", "/v1/organizations/j", headers: [
                ("Authorization", "Bearer \(server.adminKey)"), ("Content-Type", contentType),
            ], body: Self.bytes(body))
        }
        // The outer object is depth 1 and attributes depth 2: 30 arrays make 32.
        func nested(_ arrays: Int) -> String {
            #"{"name":"J","kind":"partner","attributes":{"deep":"# + String(repeating: "[", count: arrays) + String(repeating: "]", count: arrays) + "}}"
        }
        #expect(try put(nested(30)).status == 201)
        let tooDeep = try put(nested(31))
        #expect(tooDeep.status == 400)
        #expect(tooDeep.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        func withString(_ bytes: Int) -> String {
            #"{"name":"J","kind":"partner","attributes":{"s":""# + String(repeating: "s", count: bytes) + #""}}"#
        }
        #expect(try put(withString(4096)).status == 200)
        #expect(try put(withString(4097)).status == 400)
        #expect(try put(#"{"name":"J","kind":"#).status == 400)
        #expect(try put(#"{"name":"J","kind":"partner"} trailing"#).status == 400)
        #expect(try put(#"{"name":"Plain","kind":"partner"}"#, contentType: "text/plain").status == 415)
        #expect(try put(#"{"name":"Charset","kind":"partner"}"#, contentType: "application/json; charset=utf-8").status == 200)
        #expect(try api.get("/v1/organizations/j").json["name"] as? String == "Charset")
        let noType = try RawHTTP.request(port: server.port, "PUT", "/v1/organizations/j", headers: [("Authorization", "Bearer \(server.adminKey)")], body: Self.bytes(#"{"name":"J","kind":"partner"}"#))
        #expect(noType.status == 415 || noType.status == 200, "a missing type is either refused or read as JSON")
    }
}

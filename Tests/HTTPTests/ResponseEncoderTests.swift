import Testing
@testable import HTTP

@Suite struct ResponseEncoderTests {
    let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

    func encode(_ response: HTTPResponse, head: Bool = false, version: HTTPVersion = .http11, close: Bool = false) -> String {
        var out: [UInt8] = []
        ResponseEncoder.encode(response, headRequest: head, version: version, closeAfter: close, date: date, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func addsLengthAndDateAndReplacesServerOwnedFields() {
        let response = HTTPResponse(
            status: 201, headers: HTTPHeaders([("X-A", "1"), ("Connection", "upgrade"), ("Content-Length", "99")]),
            body: Array("hello".utf8)
        )
        #expect(encode(response) == "HTTP/1.1 201 Created\r\nX-A: 1\r\nContent-Length: 5\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nhello")
    }

    @Test func saysCloseWhenClosingAndKeepAliveToHTTP10() {
        #expect(encode(HTTPResponse(status: 200), close: true).contains("\r\nConnection: close\r\n"))
        #expect(encode(HTTPResponse(status: 200), version: .http10).contains("\r\nConnection: keep-alive\r\n"))
    }

    @Test func headKeepsTheLengthAndDropsTheBody() {
        let text = encode(HTTPResponse(status: 200, body: Array("hello".utf8)), head: true)
        #expect(text.hasSuffix("Content-Length: 5\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n"))
        let declared = encode(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Length", "42")])), head: true)
        #expect(declared.contains("Content-Length: 42\r\n"))
    }

    @Test func noContentHasNoLengthAndNoBody() {
        #expect(encode(HTTPResponse(status: 204, body: [1, 2])) == "HTTP/1.1 204 No Content\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
    }

    @Test func fieldsThatWouldSplitTheResponseAreDropped() {
        #expect(!encode(HTTPResponse(status: 200, headers: HTTPHeaders([("X", "a\r\nSet-Cookie: b")]))).contains("Set-Cookie"))
    }

    @Test func problemBodiesFollowRFC9457() {
        let problem = ProblemResponse.make(status: 431, detail: "Too \"big\"")
        #expect(problem.headers["Content-Type"] == "application/problem+json")
        #expect(String(decoding: problem.body, as: UTF8.self)
            == "{\"type\":\"about:blank\",\"title\":\"Request Header Fields Too Large\",\"status\":431,\"detail\":\"Too \\\"big\\\"\"}")
    }

    @Test func datesUseTheIMFFixdateFormat() {
        #expect(HTTPDateCache.format(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        var cache = HTTPDateCache()
        cache.refresh(epochSeconds: 0)
        #expect(String(decoding: cache.bytes, as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test func decimalsEncodeExactly() {
        for value in [0, 7, 10, 99, 100, 12345, 1_000_000_007] {
            var out: [UInt8] = []
            ResponseEncoder.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }
}

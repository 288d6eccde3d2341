@testable import HTTP
import Testing

/// The client's framing: what it sends, which headers it refuses to send, and which status lines
/// it accepts.
@Suite struct HTTPClientTests {
    static func request(headers: [(name: String, value: String)] = [], target: String = "/in?x=1") -> HTTPClient.Request {
        HTTPClient.Request(method: "POST", host: "127.0.0.1", port: 8080, target: target, headers: headers, body: Array("{}".utf8))
    }

    @Test func aRequestIsFramedWithHostLengthAndClose() throws {
        let bytes = try HTTPClient.encode(Self.request(headers: [("Content-Type", "application/json")])).get()
        #expect(String(decoding: bytes, as: UTF8.self) == "POST /in?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
        #expect(HTTPClient.hostHeader("::1", 80) == "[::1]" && HTTPClient.hostHeader("a.b", 81) == "a.b:81")
    }

    @Test func headersThatWouldBreakTheFramingAreNotSent() {
        for header in [("X-A", "1\r\nX-Injected: 2"), ("X-A", "1\n"), ("Bad Name", "1"), ("", "1"), ("X:Y", "1")] {
            guard case .failure(.invalidRequest) = HTTPClient.encode(Self.request(headers: [header])) else {
                Issue.record("\(header) was accepted")
                continue
            }
        }
        guard case .failure(.invalidRequest) = HTTPClient.encode(Self.request(target: "/a b")) else {
            Issue.record("a space in the target was accepted")
            return
        }
    }

    @Test func theStatusIsReadFromACompleteStatusLine() {
        func status(_ text: String, complete: Bool = false) -> Int? { HTTPClient.status(in: Array(text.utf8), complete: complete) }
        #expect(status("HTTP/1.1 204 No Content\r\n") == 204)
        #expect(status("HTTP/1.0 500\r\n") == 500)
        #expect(status("HTTP/1.1 200 OK") == nil, "the line may not be complete yet")
        #expect(status("HTTP/1.1 200 OK", complete: true) == 200)
        for bad in ["HTTP/2 200 OK\r\n", "HTTP/1.1 2x0 OK\r\n", "HTTP/1.1 999 ?\r\n", "HTTP/1.1  200\r\n", "SSH-2.0-OpenSSH\r\n", "\r\n"] {
            #expect(status(bad, complete: true) == nil, "\(bad)")
        }
    }
}

import Testing
@testable import HTTP
import TestRandom

@Suite struct HTTPRequestParserTests {
    @Test func parsesASimpleGet() {
        let parsed = parse("GET /v1/x?a=1 HTTP/1.1\r\nHost: a\r\nAccept:  */* \r\n\r\n")
        #expect(parsed.error == nil)
        #expect(parsed.items == ["head GET /v1/x?a=1 HTTP/1.1 [Host=a,Accept=*/*] none keepAlive=true continue=false", "end"])
    }

    @Test func parsesPipelinedRequestsInOrder() {
        let parsed = parse(
            "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /3 HTTP/1.0\r\n\r\n"
        )
        #expect(parsed.items == [
            "head GET /1 HTTP/1.1 [Host=a] none keepAlive=true continue=false", "end",
            "head POST /2 HTTP/1.1 [Host=a,Content-Length=3] length(3) keepAlive=true continue=false", "body abc", "end",
            "head GET /3 HTTP/1.0 [] none keepAlive=false continue=false", "end",
        ])
    }

    @Test func keepAliveFollowsVersionAndConnectionHeader() {
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").items.first?.contains("keepAlive=false") == true)
        #expect(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").items.first?.contains("keepAlive=true") == true)
        #expect(parse("GET / HTTP/1.0\r\n\r\n").items.first?.contains("keepAlive=false") == true)
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, close\r\n\r\n").items.first?.contains("keepAlive=false") == true)
    }

    @Test func expectContinueIsFlaggedOnlyWithABody() {
        #expect(parse("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").items.first?.contains("continue=true") == true)
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n").items.first?.contains("continue=false") == true)
    }

    @Test func decodesChunkedBodiesWithExtensionsAndTrailers() {
        let parsed = parse(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;name=value\r\nWiki\r\nA \r\n in chunks\r\n0\r\nX-Trailer: 1\r\n\r\n"
        )
        #expect(parsed.error == nil)
        #expect(parsed.items.dropFirst() == ["body Wiki in chunks", "end"])
    }

    @Test func sameResultWhateverTheReadBoundaries() {
        let input = Array((
            "\r\nPOST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: 1\r\n\r\n"
                + "PUT /b HTTP/1.1\r\nHost: b\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /c HTTP/1.1\r\nHost: c\r\n\r\n"
        ).utf8)
        let whole = parse(input)
        #expect(whole.error == nil)
        #expect(whole.items.count == 8)
        #expect(parse(input, slices: Array(repeating: 1, count: input.count)) == whole)
        var generator = SplitMix64(state: 42)
        for _ in 0..<50 {
            let slices = (0..<input.count).map { _ in Int(generator.next() % 17) + 1 }
            #expect(parse(input, slices: slices) == whole)
        }
    }

    @Test func requestLineAtTheLimitPassesAndOnePastIs414() {
        let limits = testLimits { $0.requestLineBytesMax = 20 }
        let atLimit = "GET /" + String(repeating: "a", count: 6) + " HTTP/1.1"  // 20 bytes
        #expect(atLimit.utf8.count == 20)
        #expect(parseError(atLimit + "\r\nHost: a\r\n\r\n", limits: limits) == nil)
        #expect(parseError("GET /aaaaaaa HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits) == .requestLineTooLong)
        // Refused before the line ends, too.
        #expect(parseError("GET /" + String(repeating: "a", count: 30), limits: limits) == .requestLineTooLong)
        #expect(HTTPParseError.requestLineTooLong.status == 414)
    }

    @Test func headerFieldAtTheLimitPassesAndOnePastIs431() {
        let limits = testLimits { $0.headerFieldBytesMax = 10 }
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nX: 1234567\r\n\r\n", limits: limits) == nil)  // 10 bytes
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nX: 12345678\r\n\r\n", limits: limits) == .headerFieldTooLong)
        #expect(HTTPParseError.headerFieldTooLong.status == 431)
    }

    @Test func headerSectionAtTheLimitPassesAndOnePastIs431() {
        let limits = testLimits { $0.headerBytesMax = 17 }  // field lines without their CRLF
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nX: 1234567\r\n\r\n", limits: limits) == nil)
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nX: 12345678\r\n\r\n", limits: limits) == .headersTooLarge)
        #expect(HTTPParseError.headersTooLarge.status == 431)
    }

    @Test func headerCountAtTheLimitPassesAndOnePastIs431() {
        let limits = testLimits { $0.headerCountMax = 3 }
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits) == nil)
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits) == .tooManyHeaders)
        #expect(HTTPParseError.tooManyHeaders.status == 431)
    }

    @Test func declaredBodyAtTheLimitPassesAndOnePastIs413BeforeReading() {
        let limits = testLimits { $0.bodyBytesMax = 4 }
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nabcd", limits: limits) == nil)
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", limits: limits) == .bodyTooLarge)
        #expect(HTTPParseError.bodyTooLarge.status == 413)
    }

    @Test func chunkedBodyAtTheLimitPassesAndOnePastIs413() {
        let limits = testLimits { $0.bodyBytesMax = 5 }
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(parseError(head + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", limits: limits) == nil)
        #expect(parseError(head + "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n", limits: limits) == .bodyTooLarge)
    }

    @Test func chunkLinesAreBounded() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let ext = String(repeating: "x", count: HTTPRequestParser.chunkLineBytesMax)
        #expect(parseError(head + "1;" + ext + "\r\n") == .chunkLineTooLong)
        #expect(parseError(head + "fffffffffffffffff\r\n") == .invalidChunkSize)
        #expect(parseError(head + "3\r\nabcX\r\n") == .invalidChunkTerminator)
        #expect(parseError(head + "zz\r\n") == .invalidChunkSize)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", HTTPParseError.missingHost),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .duplicateHost),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", .contentLengthWithTransferEncoding),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", .duplicateContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9999999999999999999\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferEncoding),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .unsupportedTransferEncoding),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n\tmore\r\n\r\n", .obsoleteLineFolding),
        ("GET / HTTP/1.1\r\n Host: a\r\n\r\n", .obsoleteLineFolding),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", .whitespaceBeforeColon),
        ("GET / HTTP/1.1\r\nHo(st: a\r\n\r\n", .invalidHeaderName),
        ("GET / HTTP/1.1\r\nHost: a\u{01}\r\n\r\n", .invalidHeaderValue),
        ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", .invalidHeaderName),
        ("GET / HTTP/1.1\nHost: a\r\n\r\n", .bareLineFeed),
        ("GET / HTTP/1.1\r\nHost: a\n\r\n", .bareLineFeed),
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod),
        (" / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod),
        ("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", .invalidVersion),
        ("GET /é HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET /\u{01} HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET * HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", .invalidVersion),
        ("GET / HTTX/1.1\r\nHost: a\r\n\r\n", .invalidVersion),
        ("GET / HTTP/1\r\nHost: a\r\n\r\n", .invalidVersion),
        ("GET /\r\nHost: a\r\n\r\n", .invalidRequestLine),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", .versionNotSupported),
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .versionNotSupported),
        ("GET / HTTP/1.2\r\nHost: a\r\n\r\n", .versionNotSupported),
    ])
    func malformedInputIsRejected(input: String, expected: HTTPParseError) {
        #expect(parseError(input) == expected)
        #expect(expected.status == (expected == .versionNotSupported ? 505 : 400))
    }

    @Test func anErrorIsFinal() throws {
        var parser = HTTPRequestParser(limits: HTTPLimits())
        parser.append(Array("GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.missingHost) { try parser.next() }
        #expect(throws: HTTPParseError.missingHost) { try parser.next() }
    }

    @Test func optionsAsteriskIsAccepted() {
        #expect(parseError("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n") == nil)
    }

    @Test func phaseTracksWhereTheParserStands() throws {
        var parser = HTTPRequestParser(limits: HTTPLimits())
        #expect(parser.phase == .betweenRequests)
        parser.append(Array("POST / HTTP/1.1\r\nHo".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.phase == .head)
        parser.append(Array("st: a\r\nContent-Length: 2\r\n\r\na".utf8))
        guard case .head = try parser.next() else { Issue.record("expected a head"); return }
        #expect(parser.isInsideRequest)
        guard case .body = try parser.next() else { Issue.record("expected body"); return }
        #expect(parser.phase == .body)
        parser.append(Array("b".utf8))
        guard case .body = try parser.next() else { Issue.record("expected body"); return }
        guard case .end = try parser.next() else { Issue.record("expected end"); return }
        #expect(parser.phase == .betweenRequests)
        #expect(!parser.isInsideRequest)
    }
}

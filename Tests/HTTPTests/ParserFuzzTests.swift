import Glibc
import Testing
@testable import HTTP
import TestRandom

@Suite struct ParserFuzzTests {
    static let seeds: [String] = [
        "GET /a?b=c HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n",
        "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n",
        "GET / HTTP/1.0\r\n\r\n",
    ]

    /// Mutated requests either parse or fail with an error; the parser never traps, never loops,
    /// and never yields more body than the limit allows.
    @Test func mutatedRequestsNeverCrashTheParser() {
        var random = SplitMix64(state: 7)
        let limits = testLimits { $0.bodyBytesMax = 64; $0.requestLineBytesMax = 64; $0.headerBytesMax = 256 }
        for iteration in 0..<3000 {
            var bytes = Array(Self.seeds[iteration % Self.seeds.count].utf8)
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            let slices = (0..<8).map { _ in Int(random.next() % 9) + 1 }
            let parsed = parse(bytes, slices: slices, limits: limits)
            let bodyBytes = parsed.items.filter { $0.hasPrefix("body ") }.map { $0.utf8.count - 5 }.reduce(0, +)
            #expect(bodyBytes <= 64 * 4)
        }
    }

    @Test func randomBytesNeverCrashTheParser() {
        var random = SplitMix64(state: 11)
        for _ in 0..<500 {
            let bytes = (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = parse(bytes, slices: [3, 1, 7])
        }
    }
}

@Suite struct ServerGarbageTests {
    @Test func garbageOnManyConnectionsLeavesTheServerServing() throws {
        try withServer { port, server in
            var random = SplitMix64(state: 3)
            for _ in 0..<20 {
                let client = RawClient(port: port, receiveTimeoutMs: 500)
                client.send((0..<Int(random.next() % 300 + 1)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
                if random.next() % 2 == 0 { client.reset() }
            }
            let client = RawClient(port: port)
            client.send("GET /alive HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(client.readResponse()?.bodyText == "GET /alive ")
            #expect(eventually { server.openConnectionCount <= 1 })
        }
    }
}

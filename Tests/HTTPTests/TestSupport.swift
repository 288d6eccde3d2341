import Dispatch
import Foundation
import Glibc
@testable import HTTP

/// Echoes `METHOD target body`; `/delay/N` answers after N ms from another thread;
/// `/big/N` answers N bytes; `/head` answers a body even to HEAD.
struct EchoResponder: HTTPResponder {
    func respond(to request: HTTPRequest, reply: HTTPReply) {
        if request.path.hasPrefix("/delay/"), let ms = Int(request.path.dropFirst("/delay/".count)) {
            let text = "delayed \(ms)"
            // A thread of its own: Dispatch's small worker pool is shared with blocking test code.
            Thread.detachNewThread {
                usleep(UInt32(ms) * 1000)
                reply(HTTPResponse(status: 200, body: Array(text.utf8)))
            }
            return
        }
        if request.path.hasPrefix("/big/"), let count = Int(request.path.dropFirst("/big/".count)) {
            reply(HTTPResponse(status: 200, body: patternBytes(count)))
            return
        }
        let text = "\(request.method) \(request.target) \(String(decoding: request.body, as: UTF8.self))"
        reply(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Array(text.utf8)))
    }
}

/// `count` bytes cycling through 0..<251, built in large copies (cheap even in debug builds).
func patternBytes(_ count: Int) -> [UInt8] {
    let cycle = (0..<251).map { UInt8($0) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count < count { bytes.append(contentsOf: cycle.prefix(count - bytes.count)) }
    return bytes
}

func testLimits(_ change: (inout HTTPLimits) -> Void = { _ in }) -> HTTPLimits {
    var limits = HTTPLimits()
    change(&limits)
    return limits
}

/// Runs `body` against a started server on an ephemeral port, then shuts it down.
func withServer(
    limits: HTTPLimits = HTTPLimits(), responder: any HTTPResponder = EchoResponder(), eventLoopCount: Int = 2,
    _ body: (Int, HTTPServer) throws -> Void
) throws {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.limits = limits
    configuration.eventLoopCount = eventLoopCount
    let server = HTTPServer(configuration: configuration, responder: responder)
    let port = try server.start()
    defer { server.shutdown(drainTimeoutMs: 500) }
    try body(port, server)
}

/// Polls `condition` every 5 ms for at most `timeoutMs`.
func eventually(timeoutMs: Int = 2000, _ condition: () -> Bool) -> Bool {
    for _ in 0..<(timeoutMs / 5) {
        if condition() { return true }
        usleep(5000)
    }
    return condition()
}

final class StatusRecorder: @unchecked Sendable {
    // @unchecked Sendable: `statuses` is guarded by `lock`.
    private let lock = NSLock()
    private var statuses: [Int] = []
    func record(_ status: Int) { lock.lock(); statuses.append(status); lock.unlock() }
    var all: [Int] { lock.lock(); defer { lock.unlock() }; return statuses }
}

#if canImport(Glibc)
import Glibc
#endif
import Digest
import Foundation

/// One POST as a webhook receiver saw it, and what it answered.
struct ReceivedWebhook: Sendable {
    /// Header names lowercased.
    let headers: [String: String]
    let body: [UInt8]
    let answered: Int

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    var id: String { json["id"] as? String ?? "" }
    var kind: String { json["kind"] as? String ?? "" }
    var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }

    /// Checks `Laurel-Signature` as a receiver would, with its own HMAC over "<t>.<body>" (the
    /// Digest module's, tested against RFC 4231) rather than Laurel's signing code.
    func signatureVerifies(secret: String) -> Bool {
        guard let header = headers["laurel-signature"] else { return false }
        var fields: [String: String] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return false }
            fields[pair[0]] = pair[1]
        }
        guard let t = fields["t"], let seconds = Int64(t), abs(Int64(Date().timeIntervalSince1970) - seconds) < 300, let v1 = fields["v1"] else {
            return false
        }
        let expected = Hex.encode(HMACSHA256.authenticationCode(key: Array(secret.utf8), message: Array("\(t).".utf8) + body))
        return ConstantTime.equals(Array(expected.utf8), Array(v1.utf8))
    }
}

/// A webhook receiver for tests: a POSIX listener on 127.0.0.1 and an ephemeral port that reads
/// each request (head and Content-Length body), records it and answers with the status
/// `answer(n)` gives the n-th request (1-based), or never answers when that is nil.
final class WebhookReceiver: @unchecked Sendable {  // `received`, `held` and `stopped` are guarded by `lock`; `listener` is set once
    let port: Int
    private let listener: Int32
    private let answer: @Sendable (Int) -> Int?
    private let lock = NSLock()
    private var received: [ReceivedWebhook] = []
    /// Connections deliberately left unanswered, closed with the receiver.
    private var held: [Int32] = []
    private var stopped = false

    init(answer: @escaping @Sendable (Int) -> Int? = { _ in 200 }) throws {
        self.answer = answer
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        guard listener >= 0 else { throw RawHTTPError(description: "socket: \(errno)") }
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound, listen(listener, 64) == 0 else {
            Glibc.close(listener)
            throw RawHTTPError(description: "bind/listen: \(errno)")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// A port on which nothing listens: connections are refused.
    static func closedPort() throws -> Int {
        let receiver = try WebhookReceiver()
        let port = receiver.port
        receiver.stop()
        return port
    }

    var requests: [ReceivedWebhook] { lock.withLock { received } }

    /// The requests once there are at least `count` (or whatever came within the timeout).
    func waitFor(_ count: Int, timeoutSeconds: Double = 10) -> [ReceivedWebhook] {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while requests.count < count && Date() < deadline { usleep(10_000) }
        return requests
    }

    /// Stops listening (later connections are refused) and closes the unanswered ones; once.
    func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        // Wakes the accept loop, which closes the listener itself. Closed here, its number could
        // be reused by another test's listener before the loop got to `accept`, and this receiver
        // would then answer that test's connections (a never-answering receiver's test once got
        // a 200 from `closedPort`'s receiver so).
        shutdown(listener, Int32(SHUT_RDWR))
        lock.withLock {
            held.forEach { _ = Glibc.close($0) }
            held = []
        }
    }

    deinit { stop() }

    private func acceptLoop() {
        defer { Glibc.close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            guard !lock.withLock({ stopped }) else { return close(connection) }
            DispatchQueue.global().async { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let (headers, body) = Self.readRequest(connection) else { return close(connection) }
        let status: Int? = lock.withLock {
            let status = answer(received.count + 1)
            received.append(ReceivedWebhook(headers: headers, body: body, answered: status ?? 0))
            if status == nil { held.append(connection) }
            return status
        }
        guard let status else { return }
        let reply = Array("HTTP/1.1 \(status) Test\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".utf8)
        _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        close(connection)
    }

    private func close(_ connection: Int32) { _ = Glibc.close(connection) }

    private static func readRequest(_ connection: Int32) -> ([String: String], [UInt8])? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        func fill() -> Bool {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound
            if headEnd == nil, !fill() { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        var headers: [String: String] = [:]
        for line in head.components(separatedBy: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < headEnd! + length {
            guard fill() else { return nil }
        }
        return (headers, Array(buffer[headEnd!..<(headEnd! + length)]))
    }
}

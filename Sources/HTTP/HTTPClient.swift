import Glibc

/// A small blocking HTTP/1.1 client for plain `http://`: one request per connection
/// (`Connection: close`), one deadline for connecting, sending and reading the answer, and only
/// the status line read (within `responseHeadBytesMax`) before the connection is closed, so a slow
/// or hostile receiver can neither hold a caller past its timeout nor make it buffer a large body.
/// Name resolution (getaddrinfo) is not under the deadline. Blocks: call it off any event loop.
public struct HTTPClient: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var host: String
        public var port: Int
        /// Path and query, starting with `/`.
        public var target: String
        /// `Host`, `Content-Length` and `Connection` are added by the client.
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(method: String, host: String, port: Int, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
            self.method = method
            self.host = host
            self.port = port
            self.target = target
            self.headers = headers
            self.body = body
        }
    }

    public struct Response: Sendable, Equatable {
        public var status: Int
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidRequest(String)
        case resolve(String)
        case connect(String)
        case timedOut
        case send(String)
        case closedBeforeAnswer
        case malformedAnswer

        public var description: String {
            switch self {
            case .invalidRequest(let why): "invalid request: \(why)"
            case .resolve(let why): "cannot resolve the host: \(why)"
            case .connect(let why): "cannot connect: \(why)"
            case .timedOut: "timed out"
            case .send(let why): "sending failed: \(why)"
            case .closedBeforeAnswer: "the connection closed before an answer"
            case .malformedAnswer: "the answer is not HTTP/1.x"
            }
        }
    }

    public var timeoutMs: Int
    public var responseHeadBytesMax: Int

    public init(timeoutMs: Int, responseHeadBytesMax: Int = 16_384) {
        precondition(timeoutMs > 0 && responseHeadBytesMax >= 64, "client limits out of range")
        self.timeoutMs = timeoutMs
        self.responseHeadBytesMax = responseHeadBytesMax
    }

    public func send(_ request: Request) -> Result<Response, Failure> {
        let deadline = Deadline(afterMs: timeoutMs)
        let bytes: [UInt8]
        switch Self.encode(request) {
        case .success(let encoded): bytes = encoded
        case .failure(let failure): return .failure(failure)
        }
        let socket: Socket
        switch Self.connect(host: request.host, port: request.port, deadline: deadline) {
        case .success(let connected): socket = connected
        case .failure(let failure): return .failure(failure)
        }
        defer { socket.close() }
        if let failure = Self.write(bytes, to: socket.fd, deadline: deadline) { return .failure(failure) }
        return readStatus(from: socket.fd, deadline: deadline)
    }

    /// The request's bytes; header names and values may not break the framing.
    static func encode(_ request: Request) -> Result<[UInt8], Failure> {
        let fields = [("Host", hostHeader(request.host, request.port))] + request.headers.map { ($0.name, $0.value) }
            + [("Content-Length", String(request.body.count)), ("Connection", "close")]
        for (name, value) in fields {
            if name.isEmpty || name.utf8.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: ":") || $0 >= 0x7F })
                || value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 })
            {
                return .failure(.invalidRequest("header \(name) cannot be sent"))
            }
        }
        guard request.target.hasPrefix("/"), !request.target.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else {
            return .failure(.invalidRequest("the target must be a path of visible ASCII"))
        }
        var head = "\(request.method) \(request.target) HTTP/1.1\r\n"
        for (name, value) in fields { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return .success(Array(head.utf8) + request.body)
    }

    static func hostHeader(_ host: String, _ port: Int) -> String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    /// Tries each address the name resolves to until one accepts within the deadline.
    private static func connect(host: String, port: Int, deadline: Deadline) -> Result<Socket, Failure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            return .failure(.resolve(String(cString: gai_strerror(resolved))))
        }
        defer { freeaddrinfo(list) }
        var lastFailure = Failure.connect("no address")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { lastFailure = .connect(errorText(errno)); continue }
            let socket = Socket(fd: fd)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return .success(socket) }
            guard errno == EINPROGRESS else { lastFailure = .connect(errorText(errno)); continue }
            guard wait(fd, for: Int16(POLLOUT), deadline: deadline) else { return .failure(.timedOut) }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            if error == 0 { return .success(socket) }
            lastFailure = .connect(errorText(error))
        }
        return .failure(lastFailure)
    }

    private static func write(_ bytes: [UInt8], to fd: Int32, deadline: Deadline) -> Failure? {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                sent += count
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                guard wait(fd, for: Int16(POLLOUT), deadline: deadline) else { return .timedOut }
            } else {
                return .send(errorText(errno))
            }
        }
        return nil
    }

    /// Reads until the end of the answer's head (or `responseHeadBytesMax`) and parses its status.
    private func readStatus(from fd: Int32, deadline: Deadline) -> Result<Response, Failure> {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while buffer.count < responseHeadBytesMax {
            if let status = Self.status(in: buffer, complete: false) { return .success(Response(status: status)) }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, min($0.count, responseHeadBytesMax - buffer.count), 0) }
            if count > 0 {
                buffer += chunk[0..<count]
            } else if count == 0 {
                return Self.status(in: buffer, complete: true).map { .success(Response(status: $0)) }
                    ?? .failure(buffer.isEmpty ? .closedBeforeAnswer : .malformedAnswer)
            } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                guard Self.wait(fd, for: Int16(POLLIN), deadline: deadline) else { return .failure(.timedOut) }
            } else {
                return .failure(.closedBeforeAnswer)
            }
        }
        return Self.status(in: buffer, complete: true).map { .success(Response(status: $0)) } ?? .failure(.malformedAnswer)
    }

    /// The status of `HTTP/1.x NNN …` once the status line is complete (or the input has ended).
    static func status(in bytes: [UInt8], complete: Bool) -> Int? {
        let lineEnd = bytes.firstIndex(of: 0x0A) ?? (complete ? bytes.endIndex : nil)
        guard let lineEnd else { return nil }
        let line = bytes[..<lineEnd]
        guard line.count >= 12, line.starts(with: Array("HTTP/1.".utf8)), line[line.startIndex + 8] == 0x20 else { return nil }
        let digits = line[(line.startIndex + 9)..<(line.startIndex + 12)]
        guard digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let status = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (100...599).contains(status) ? status : nil
    }

    /// Polls until `fd` is ready for `events`; false when the deadline passes first.
    private static func wait(_ fd: Int32, for events: Int16, deadline: Deadline) -> Bool {
        while true {
            let remainingMs = deadline.remainingMs
            guard remainingMs > 0 else { return false }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: remainingMs))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }  // the next call reports the error
        }
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// A point in monotonic time.
private struct Deadline {
    let atNs: UInt64

    init(afterMs: Int) { atNs = Self.nowNs() + UInt64(afterMs) * 1_000_000 }

    var remainingMs: Int {
        let now = Self.nowNs()
        return now >= atNs ? 0 : Int((atNs - now + 999_999) / 1_000_000)
    }

    static func nowNs() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}

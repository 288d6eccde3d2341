import Glibc

/// An incremental HTTP/1.x request parser: a pure state machine over bytes. Feed it bytes with
/// `append`, then call `next()` until it returns nil (it needs more bytes). It yields a head, the
/// body in chunks, then `.end`, for each request in turn; pipelined requests stay buffered until
/// asked for. A thrown error is final: the parser refuses everything after it.
struct HTTPRequestParser {
    enum Event {
        case head(HTTPRequestHead)
        case body([UInt8])
        case end
    }

    enum Phase: Equatable {
        /// No byte of the next request has been parsed.
        case betweenRequests
        case head
        case body
    }

    /// The longest chunk-size line, extensions included.
    static let chunkLineBytesMax = 4096

    private enum State {
        case requestLine
        case headerLines
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case endPending
        case failed(HTTPParseError)
    }

    let limits: HTTPLimits
    private var buffer: [UInt8] = []
    private var start = 0
    private var state = State.requestLine

    private var method = ""
    private var target = ""
    private var version = HTTPVersion.http11
    private var fields: [(name: String, value: String)] = []
    private var headerBytes = 0
    private var chunkedBodyBytes = 0

    init(limits: HTTPLimits) {
        self.limits = limits
    }

    var bufferedByteCount: Int { buffer.count - start }

    var phase: Phase {
        switch state {
        case .requestLine: return start < buffer.count ? .head : .betweenRequests
        case .headerLines: return .head
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers: return .body
        case .endPending, .failed: return .betweenRequests
        }
    }

    /// True between a head and its `.end`: the current request's body must still be read.
    var isInsideRequest: Bool {
        switch state {
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers, .endPending: return true
        default: return false
        }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    }

    mutating func append(_ bytes: some Collection<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            start = 0
        } else if start > 4096 && start > buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    mutating func next() throws(HTTPParseError) -> Event? {
        do {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .requestLine:
                guard let line = try nextLine(max: limits.requestLineBytesMax, tooLong: .requestLineTooLong) else { return nil }
                if line.isEmpty { continue }  // RFC 9112 §2.2: ignore empty lines before a request
                try parseRequestLine(line)
                state = .headerLines
            case .headerLines:
                let remaining = limits.headerBytesMax - headerBytes
                let fieldMax = min(limits.headerFieldBytesMax, max(remaining, 0))
                let tooLong: HTTPParseError = remaining < limits.headerFieldBytesMax ? .headersTooLarge : .headerFieldTooLong
                guard let line = try nextLine(max: fieldMax, tooLong: tooLong) else { return nil }
                if line.isEmpty { return .head(try finishHead()) }
                headerBytes += line.count
                guard fields.count < limits.headerCountMax else { throw .tooManyHeaders }
                fields.append(try parseField(line))
            case .fixedBody(let remaining):
                let available = min(remaining, buffer.count - start)
                guard available > 0 else { return nil }
                let chunk = Array(buffer[start..<(start + available)])
                start += available
                state = remaining == available ? .endPending : .fixedBody(remaining: remaining - available)
                return .body(chunk)
            case .chunkSize:
                guard let line = try nextLine(max: Self.chunkLineBytesMax, tooLong: .chunkLineTooLong) else { return nil }
                let size = try parseChunkSize(line)
                guard size <= limits.bodyBytesMax - chunkedBodyBytes else { throw .bodyTooLarge }
                chunkedBodyBytes += size
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let available = min(remaining, buffer.count - start)
                guard available > 0 else { return nil }
                let chunk = Array(buffer[start..<(start + available)])
                start += available
                state = remaining == available ? .chunkDataEnd : .chunkData(remaining: remaining - available)
                return .body(chunk)
            case .chunkDataEnd:
                guard buffer.count - start >= 2 else { return nil }
                guard buffer[start] == 0x0D, buffer[start + 1] == 0x0A else { throw .invalidChunkTerminator }
                start += 2
                state = .chunkSize
            case .trailers:
                // Trailer fields are read and dropped; they count against the header budget.
                let remaining = max(limits.headerBytesMax - headerBytes, 0)
                guard let line = try nextLine(max: min(limits.headerFieldBytesMax, remaining), tooLong: .headersTooLarge)
                else { return nil }
                if line.isEmpty { state = .endPending; continue }
                headerBytes += line.count
            case .endPending:
                resetForNextRequest()
                return .end
            }
        }
    }

    private mutating func resetForNextRequest() {
        state = .requestLine
        fields = []
        headerBytes = 0
        chunkedBodyBytes = 0
    }

    /// The next CRLF-terminated line (without its CRLF), or nil if it is not complete yet.
    private mutating func nextLine(max: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> Range<Int>? {
        let lineFeed: Int? = buffer.withUnsafeBufferPointer { bytes in
            guard start < bytes.count, let base = bytes.baseAddress else { return nil }
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        guard let lineFeed else {
            // A pending line of max bytes plus its CR is still within bounds.
            if buffer.count - start > max + 1 { throw tooLong }
            return nil
        }
        guard lineFeed > start, buffer[lineFeed - 1] == 0x0D else { throw .bareLineFeed }
        let line = start..<(lineFeed - 1)
        if line.count > max { throw tooLong }
        start = lineFeed + 1
        return line
    }

    private mutating func parseRequestLine(_ line: Range<Int>) throws(HTTPParseError) {
        guard let firstSpace = buffer[line].firstIndex(of: 0x20) else { throw .invalidRequestLine }
        let rest = (firstSpace + 1)..<line.upperBound
        guard let secondSpace = buffer[rest].firstIndex(of: 0x20) else { throw .invalidRequestLine }
        let methodRange = line.lowerBound..<firstSpace
        let targetRange = (firstSpace + 1)..<secondSpace
        let versionRange = (secondSpace + 1)..<line.upperBound
        guard !methodRange.isEmpty, buffer[methodRange].allSatisfy(HTTPSyntax.isTokenByte) else { throw .invalidMethod }
        guard !targetRange.isEmpty, buffer[targetRange].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .invalidTarget }
        let first = buffer[targetRange.lowerBound]
        let isAsterisk = targetRange.count == 1 && first == UInt8(ascii: "*")
        guard first == UInt8(ascii: "/") || isAsterisk else { throw .invalidTarget }
        version = try parseVersion(versionRange)
        method = String(decoding: buffer[methodRange], as: UTF8.self)
        target = String(decoding: buffer[targetRange], as: UTF8.self)
        if isAsterisk && method != "OPTIONS" { throw .invalidTarget }
    }

    private func parseVersion(_ range: Range<Int>) throws(HTTPParseError) -> HTTPVersion {
        let prefix: [UInt8] = Array("HTTP/".utf8)
        guard range.count == 8, buffer[range.lowerBound..<(range.lowerBound + 5)].elementsEqual(prefix),
              buffer[range.lowerBound + 6] == UInt8(ascii: ".")
        else { throw .invalidVersion }
        let major = buffer[range.lowerBound + 5], minor = buffer[range.lowerBound + 7]
        guard HTTPSyntax.isDigit(major), HTTPSyntax.isDigit(minor) else { throw .invalidVersion }
        guard major == UInt8(ascii: "1"), minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1")
        else { throw .versionNotSupported }
        return minor == UInt8(ascii: "1") ? .http11 : .http10
    }

    private func parseField(_ line: Range<Int>) throws(HTTPParseError) -> (name: String, value: String) {
        let first = buffer[line.lowerBound]
        if first == 0x20 || first == 0x09 { throw .obsoleteLineFolding }
        guard let colon = buffer[line].firstIndex(of: UInt8(ascii: ":")) else { throw .invalidHeaderName }
        let nameRange = line.lowerBound..<colon
        guard !nameRange.isEmpty else { throw .invalidHeaderName }
        let last = buffer[colon - 1]
        if last == 0x20 || last == 0x09 { throw .whitespaceBeforeColon }
        guard buffer[nameRange].allSatisfy(HTTPSyntax.isTokenByte) else { throw .invalidHeaderName }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd, buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09 { valueStart += 1 }
        while valueEnd > valueStart, buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09 { valueEnd -= 1 }
        guard buffer[valueStart..<valueEnd].allSatisfy(HTTPSyntax.isFieldValueByte) else { throw .invalidHeaderValue }
        return (String(decoding: buffer[nameRange], as: UTF8.self), String(decoding: buffer[valueStart..<valueEnd], as: UTF8.self))
    }

    private mutating func finishHead() throws(HTTPParseError) -> HTTPRequestHead {
        let rules = try HTTPHeadRules(fields: fields, version: version, limits: limits)
        switch rules.framing {
        case .none: state = .endPending
        case .length(let count): state = .fixedBody(remaining: count)
        case .chunked: state = .chunkSize
        }
        return HTTPRequestHead(
            method: method, target: target, version: version, headers: HTTPHeaders(fields), framing: rules.framing,
            keepAlive: rules.keepAlive, expectsContinue: rules.expectsContinue
        )
    }

    private mutating func parseChunkSize(_ line: Range<Int>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.lowerBound
        while index < line.upperBound, let digit = HTTPSyntax.hexValue(buffer[index]) {
            guard index - line.lowerBound < 15 else { throw .invalidChunkSize }
            size = size << 4 | Int(digit)
            index += 1
        }
        guard index > line.lowerBound else { throw .invalidChunkSize }
        while index < line.upperBound, buffer[index] == 0x20 || buffer[index] == 0x09 { index += 1 }
        if index < line.upperBound {
            // Chunk extensions are tolerated and ignored, but must not carry control characters.
            guard buffer[index] == UInt8(ascii: ";"), buffer[index..<line.upperBound].allSatisfy(HTTPSyntax.isFieldValueByte)
            else { throw .invalidChunkSize }
        }
        return size
    }
}

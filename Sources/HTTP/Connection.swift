import Glibc

/// One accepted socket, owned and only ever touched by its event loop's thread. Reads feed the
/// parser, parsed requests go to the responder, and the state machine decides what is written and
/// when the connection ends.
final class Connection {
    let id: UInt64
    let socket: Socket
    let fd: Int32
    let remoteAddress: String
    unowned let loop: EventLoop
    /// False for a connection accepted over the cap only to be answered 503.
    let holdsCapPlace: Bool

    var parser: HTTPRequestParser
    var state: ConnectionStateMachine<OutgoingResponse>
    var output: [UInt8] = []
    var outputStart = 0
    var interest: UInt32 = 0
    var closeWhenFlushed = false
    var inputEnded = false
    var isClosed = false
    /// Set once our FIN is sent; the peer's remaining bytes are read and dropped until it closes.
    var lingerSinceMs: Int?
    var capPlaceReleased = false
    /// Inside `processInput`: replies given synchronously are written when it returns.
    var isProcessingInput = false
    var isQueuedForService = false
    /// The parser has consumed all it can of its buffer; only a read can give it more.
    var parserNeedsInput = true

    private var currentHead: HTTPRequestHead?
    private var currentRequestID: UInt64 = 0
    private var currentBody: [UInt8] = []

    /// Stop reading while this much output waits for the peer.
    static let outputBytesHighWater = 256 * 1024
    static let lingerMs = 1000

    init(fd: Int32, id: UInt64, remoteAddress: String, loop: EventLoop, holdsCapPlace: Bool) {
        self.socket = Socket(fd: fd)
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.loop = loop
        self.holdsCapPlace = holdsCapPlace
        self.parser = HTTPRequestParser(limits: loop.limits)
        self.state = ConnectionStateMachine(limits: loop.limits, nowMs: loop.nowMs)
    }

    var outputPendingCount: Int { output.count - outputStart }

    /// Whether bytes of the current request, or a new request, may be parsed now.
    var canParse: Bool {
        !closeWhenFlushed && (parser.isInsideRequest || state.wantsRequests)
            && outputPendingCount < Self.outputBytesHighWater
    }

    func handle(events: UInt32) {
        if lingerSinceMs != nil {
            discardInput()
            return
        }
        if events & (LinuxSystem.EPOLLHUP | LinuxSystem.EPOLLERR) != 0 {
            close(graceful: false)  // reset or fully closed: nothing more can be written
            return
        }
        if events & LinuxSystem.EPOLLOUT != 0 { flush() }
        if events & LinuxSystem.EPOLLIN != 0 && !isClosed { readAvailable() }
        service()
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        let received = recv(fd, buffer.baseAddress, buffer.count, 0)
        if received > 0 {
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<received]))
            parserNeedsInput = false
            processInput()
        } else if received == 0 {
            inputEnded = true
            perform(state.inputEnded())
        } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            close(graceful: false)
        }
    }

    /// Parses what is buffered and hands complete requests to the responder, in order.
    func processInput() {
        isProcessingInput = true
        defer { isProcessingInput = false }
        while !isClosed && canParse {
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.next()
            } catch {
                loop.onProtocolResponse?(error.status)
                perform(state.protocolError(Self.problem(ProblemResponse.make(error))))
                break
            }
            guard let event else {
                parserNeedsInput = true
                break
            }
            switch event {
            case .head(let head):
                currentRequestID = state.requestReceived(keepAlive: head.keepAlive, nowMs: loop.nowMs)
                currentBody = []
                // Bounded: a declared length is a claim, not memory the peer has earned yet.
                if case .length(let count) = head.framing { currentBody.reserveCapacity(min(count, 64 * 1024)) }
                // Only when every earlier response is out, or the 100 would land inside one;
                // never to HTTP/1.0, which does not know 1xx (RFC 9110 §15.2).
                if head.expectsContinue && head.version == .http11 && state.inFlightCount == 1 {
                    output.append(contentsOf: ResponseEncoder.continueHead)
                }
                currentHead = head
            case .body(let bytes):
                if currentBody.isEmpty { currentBody = bytes } else { currentBody.append(contentsOf: bytes) }
            case .end:
                state.requestCompleted()
                dispatch()
            }
        }
        if !isClosed { state.bytesRead(phase: parser.phase, nowMs: loop.nowMs) }
    }

    private func dispatch() {
        guard let head = currentHead else { return }
        currentHead = nil
        let body = currentBody
        currentBody = []
        let request = HTTPRequest(
            method: head.method, target: head.target, version: head.version,
            headers: head.headers, body: body, remoteAddress: remoteAddress
        )
        let reply = loop.makeReply(
            fd: fd, connectionID: id, requestID: currentRequestID,
            headRequest: head.method == "HEAD", version: head.version
        )
        loop.responder.respond(to: request, reply: reply)
    }

    func responseArrived(_ response: OutgoingResponse, requestID: UInt64) {
        guard !isClosed, lingerSinceMs == nil else { return }
        perform(state.responseReady(response, for: requestID))
    }

    func tick() {
        if let since = lingerSinceMs {
            if loop.nowMs - since >= Self.lingerMs { close(graceful: false) }
            return
        }
        let action = state.tick(nowMs: loop.nowMs) {
            loop.onProtocolResponse?(408)
            return Self.problem(ProblemResponse.make(status: 408, detail: "The request was not received in time."))
        }
        switch action {
        case .none:
            return
        case .close where outputPendingCount > 0:
            close(graceful: false)  // the peer stopped reading our last response
        default:
            perform(action)
            service()
        }
    }

    func drain() {
        guard !isClosed, lingerSinceMs == nil else { return }
        perform(state.shutdown())
        service()
    }

    /// Answers a connection accepted over the cap.
    func refuse() {
        loop.onProtocolResponse?(503)
        let problem = ProblemResponse.make(status: 503, detail: "The server has too many open connections.")
        perform(state.protocolError(Self.problem(problem)))
        service()
    }

    static func problem(_ response: HTTPResponse) -> OutgoingResponse {
        OutgoingResponse(response: response, headRequest: false, version: .http11)
    }
}

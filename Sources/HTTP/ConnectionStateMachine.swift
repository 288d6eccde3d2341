/// What a connection does next, decided without sockets or clocks: the order responses go out in
/// (always request order, whatever order replies arrive in), whether to keep reading, when to close,
/// and which timeout has fired. Times are passed in as milliseconds on a monotonic clock.
struct ConnectionStateMachine<Response> {
    struct Write {
        var response: Response
        /// The connection closes once this response is written; it must say `Connection: close`.
        var closeAfter: Bool
    }

    enum Action {
        case none
        case write([Write])
        /// Close once the pending output is flushed.
        case close
    }

    private struct Slot {
        let id: UInt64
        var keepAlive: Bool
        var response: Response?
    }

    let limits: HTTPLimits
    private var slots: [Slot] = []
    private var nextID: UInt64 = 0
    /// The request whose head has arrived but whose body has not been read to its end.
    private var openRequestID: UInt64?
    /// False once a request asked to close, a protocol error was answered, input ended or shutdown began.
    private(set) var acceptsRequests = true
    private(set) var isDraining = false
    private var phase = HTTPRequestParser.Phase.betweenRequests
    private var lastActivityMs: Int
    private var headStartMs: Int?
    private var lastBodyReadMs: Int

    init(limits: HTTPLimits, nowMs: Int) {
        self.limits = limits
        lastActivityMs = nowMs
        lastBodyReadMs = nowMs
    }

    /// Requests received and not yet answered.
    var inFlightCount: Int { slots.count }

    /// Whether another request head may be read now (pipelining depth is bounded).
    var wantsRequests: Bool { acceptsRequests && slots.count < limits.pipelinedRequestsMax }

    /// Input was read and parsed; `phase` is where the parser stands afterwards.
    mutating func bytesRead(phase: HTTPRequestParser.Phase, nowMs: Int) {
        lastActivityMs = nowMs
        self.phase = phase
        switch phase {
        case .head: if headStartMs == nil { headStartMs = nowMs }
        case .body: lastBodyReadMs = nowMs; headStartMs = nil
        case .betweenRequests: headStartMs = nil
        }
    }

    /// Output made progress; a peer that reads is not idle.
    mutating func bytesWritten(nowMs: Int) {
        lastActivityMs = nowMs
    }

    /// A request head arrived; returns the id its reply is matched by.
    mutating func requestReceived(keepAlive: Bool, nowMs: Int) -> UInt64 {
        precondition(acceptsRequests, "request read after the connection stopped accepting requests")
        let id = nextID
        nextID += 1
        let keep = keepAlive && !isDraining
        slots.append(Slot(id: id, keepAlive: keep, response: nil))
        if !keep { acceptsRequests = false }
        openRequestID = id
        headStartMs = nil
        lastBodyReadMs = nowMs
        lastActivityMs = nowMs
        return id
    }

    /// The open request's body has been read to its end.
    mutating func requestCompleted() {
        openRequestID = nil
    }

    /// A reply for request `id`; unknown or repeated ids (a closed connection, a second call) are ignored.
    mutating func responseReady(_ response: Response, for id: UInt64) -> Action {
        guard let index = slots.firstIndex(where: { $0.id == id }), slots[index].response == nil else { return .none }
        slots[index].response = response
        return takeReadyWrites()
    }

    /// The server answers on its own (bad input, timeout) and then closes. The answer replaces the
    /// request being read, if any, and goes out after every earlier response.
    mutating func protocolError(_ response: Response) -> Action {
        acceptsRequests = false
        if let id = openRequestID, let index = slots.firstIndex(where: { $0.id == id }) {
            slots[index].response = response
            slots[index].keepAlive = false
            slots.removeSubrange((index + 1)...)
        } else {
            slots.append(Slot(id: nextID, keepAlive: false, response: response))
            nextID += 1
        }
        openRequestID = nil
        return takeReadyWrites()
    }

    /// The peer finished sending. Requests already read are still answered, then the connection closes.
    mutating func inputEnded() -> Action {
        acceptsRequests = false
        if let id = openRequestID {
            // Half a request will never be completed.
            slots.removeAll { $0.id == id }
            openRequestID = nil
        }
        return closeAfterLastSlot()
    }

    /// Shutdown: idle connections close now, busy ones after their last response.
    mutating func shutdown() -> Action {
        isDraining = true
        return inputEnded()
    }

    private mutating func closeAfterLastSlot() -> Action {
        guard !slots.isEmpty else { return .close }
        slots[slots.count - 1].keepAlive = false
        return takeReadyWrites()
    }

    /// Checks timeouts. `timeoutResponse` builds the 408 answer when a read timed out.
    mutating func tick(nowMs: Int, timeoutResponse: () -> Response) -> Action {
        let isReading = openRequestID != nil || (acceptsRequests && slots.count < limits.pipelinedRequestsMax)
        guard isReading else {
            // Not reading because we wait on replies: the peer is not the one being slow.
            if headStartMs != nil { headStartMs = nowMs }
            lastBodyReadMs = nowMs
            if slots.isEmpty && nowMs - lastActivityMs >= limits.idleTimeoutMs { return .close }
            return .none
        }
        switch phase {
        case .head:
            if let start = headStartMs, nowMs - start >= limits.headerReadTimeoutMs {
                return protocolError(timeoutResponse())
            }
        case .body:
            if openRequestID != nil, nowMs - lastBodyReadMs >= limits.bodyReadGapTimeoutMs {
                return protocolError(timeoutResponse())
            }
        case .betweenRequests:
            if slots.isEmpty && nowMs - lastActivityMs >= limits.idleTimeoutMs { return .close }
        }
        return .none
    }

    private mutating func takeReadyWrites() -> Action {
        var writes: [Write] = []
        while let first = slots.first, let response = first.response {
            slots.removeFirst()
            writes.append(Write(response: response, closeAfter: !first.keepAlive))
            if !first.keepAlive {
                slots.removeAll()  // nothing is ever written after a response that closes
                break
            }
        }
        return writes.isEmpty ? .none : .write(writes)
    }
}

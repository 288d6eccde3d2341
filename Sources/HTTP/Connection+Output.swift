import Glibc

extension Connection {
    func perform(_ action: ConnectionStateMachine<OutgoingResponse>.Action) {
        switch action {
        case .none:
            break
        case .close:
            closeWhenFlushed = true
        case .write(let writes):
            for write in writes {
                ResponseEncoder.encode(
                    write.response.response, headRequest: write.response.headRequest,
                    version: write.response.version, closeAfter: write.closeAfter,
                    date: loop.date.bytes, into: &output
                )
                if write.closeAfter { closeWhenFlushed = true }
            }
        }
    }

    /// After any event: parse what became parseable, write what is pending, close or re-arm.
    func service() {
        guard !isClosed, lingerSinceMs == nil else { return }
        // Flushing can lift backpressure while whole requests wait in the parser's buffer; no read
        // event will come for those, so parse again until the parser needs bytes or we must wait.
        repeat {
            if canParse && !parserNeedsInput { processInput() }
            flush()
            guard !isClosed else { return }
        } while canParse && !parserNeedsInput
        if closeWhenFlushed && outputPendingCount == 0 {
            close(graceful: true)
            return
        }
        var wanted: UInt32 = 0
        if canParse && !inputEnded { wanted |= LinuxSystem.EPOLLIN }
        if outputPendingCount > 0 { wanted |= LinuxSystem.EPOLLOUT }
        setInterest(wanted)
    }

    /// Writes as much pending output as the socket takes; the rest waits for EPOLLOUT.
    func flush() {
        while outputStart < output.count {
            let sent = output.withUnsafeBytes { bytes in
                send(fd, bytes.baseAddress! + outputStart, bytes.count - outputStart, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                outputStart += sent
                state.bytesWritten(nowMs: loop.nowMs)
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else {
                close(graceful: false)
                return
            }
        }
        if output.capacity > 64 * 1024 { output = [] } else { output.removeAll(keepingCapacity: true) }
        outputStart = 0
    }

    func setInterest(_ wanted: UInt32) {
        guard wanted != interest, !isClosed else { return }
        interest = wanted
        loop.modify(fd: fd, events: wanted)
    }

    /// Graceful: send our FIN, then read and drop whatever the peer still sends until it closes or
    /// `lingerMs` passes, so that closing does not reset the connection before the peer has read
    /// our last response.
    func close(graceful: Bool) {
        guard !isClosed else { return }
        if graceful && lingerSinceMs == nil {
            lingerSinceMs = loop.nowMs
            _ = shutdown(fd, Int32(SHUT_WR))
            releaseCapPlace()
            setInterest(LinuxSystem.EPOLLIN)
            return
        }
        isClosed = true
        releaseCapPlace()
        loop.remove(self)
        socket.close()
    }

    private func releaseCapPlace() {
        if holdsCapPlace && !capPlaceReleased {
            capPlaceReleased = true
            loop.counter.release()
        }
    }

    func discardInput() {
        let buffer = loop.readBuffer
        for _ in 0..<16 {  // bounded: a peer that keeps sending cannot hold the loop
            let received = recv(fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
            if received > 0 { continue }
            if received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            if received < 0 && errno == EINTR { continue }
            close(graceful: false)
            return
        }
    }
}

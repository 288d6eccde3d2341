#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Where log lines go. One method, so tests can capture lines and ops can point it anywhere.
public protocol LogSink: Sendable {
    func write(line: String)
}

/// Writes lines to a file descriptor through a buffer flushed every `flushIntervalMs` or when it
/// grows past `bufferBytesMax`: one write(2) per request would cost more than the request itself.
public final class BufferedFileSink: LogSink, @unchecked Sendable {
    // `buffer` is a Mutex; `timer` is only touched in init and deinit; `descriptor` is immutable.
    private let descriptor: Int32
    private let bufferBytesMax: Int
    private let buffer = Mutex<[UInt8]>([])
    private let timer: any DispatchSourceTimer

    public init(descriptor: Int32, flushIntervalMs: Int = 200, bufferBytesMax: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.bufferBytesMax = bufferBytesMax
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "laurel.log.flush"))
        timer.schedule(deadline: .now() + .milliseconds(flushIntervalMs), repeating: .milliseconds(flushIntervalMs))
        timer.setEventHandler { [weak self] in self?.flush() }
        timer.resume()
    }

    deinit {
        timer.cancel()
    }

    public func write(line: String) {
        let full = buffer.withLock { buffer -> [UInt8]? in
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
            guard buffer.count >= bufferBytesMax else { return nil }
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        if let full { writeAll(full) }
    }

    /// Writes out whatever is buffered; called by the timer and at shutdown.
    public func flush() {
        let pending = buffer.withLock { buffer -> [UInt8] in
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        if !pending.isEmpty { writeAll(pending) }
    }

    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // a log that cannot be written must not take the server down
                }
                offset += written
            }
        }
    }
}

/// Keeps lines in memory; for tests.
public final class MemoryLogSink: LogSink {
    private let lines = Mutex<[String]>([])

    public init() {}

    public func write(line: String) { lines.withLock { $0.append(line) } }

    public var captured: [String] { lines.withLock { $0 } }
}

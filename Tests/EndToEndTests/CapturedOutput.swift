import Foundation
import Synchronization

/// Bytes a child process wrote to one pipe, collected as they arrive.
final class CapturedOutput: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    /// Reads the pipe to its end on a thread of its own, with plain blocking reads. Not
    /// `readabilityHandler`: that arms a Dispatch read source on the descriptor, and with dozens of
    /// children starting and exiting at once a descriptor could be closed and reused while its
    /// source was still registered, which crashed libdispatch's event loop in the test process.
    func attach(to pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        let reader = Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                bytes.withLock { $0.append(contentsOf: data) }
            }
        }
        reader.name = "captured-output"
        reader.start()
    }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }

    /// Waits (bounded) until some line satisfies `predicate`; true when one did.
    func waitForLine(timeoutSeconds: Double = 5, _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        repeat {
            if lines.contains(where: predicate) { return true }
            usleep(10_000)
        } while Date() < deadline
        return false
    }

    var lines: [String] { text.split(separator: "\n").map(String.init) }

    /// Each line that is a JSON object.
    var jsonLines: [[String: Any]] {
        lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}

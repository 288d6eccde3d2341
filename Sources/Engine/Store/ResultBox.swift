import Dispatch
import Synchronization

/// Hands one result from the writer thread to a thread that waits for it.
final class ResultBox<T: Sendable>: Sendable {
    private let value = Mutex<Result<T, any Error>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func set(_ result: Result<T, any Error>) {
        value.withLock { $0 = result }
        ready.signal()
    }

    func wait() -> Result<T, any Error> {
        ready.wait()
        return value.withLock { $0! }
    }
}

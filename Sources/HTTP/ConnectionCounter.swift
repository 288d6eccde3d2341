import Synchronization

/// Open connections across all loops, bounded by `HTTPLimits.connectionsMax`.
final class ConnectionCounter: Sendable {
    private let count = Mutex(0)
    let max: Int

    init(max: Int) { self.max = max }

    var current: Int { count.withLock { $0 } }

    /// Takes a place if one is free.
    func tryAcquire() -> Bool {
        count.withLock { count in
            guard count < max else { return false }
            count += 1
            return true
        }
    }

    func release() {
        count.withLock { count in
            precondition(count > 0, "connection released twice")
            count -= 1
        }
    }
}

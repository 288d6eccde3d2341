/// Open connections across all loops, bounded by `HTTPLimits.connectionsMax`.
final class ConnectionCounter: @unchecked Sendable {
    // @unchecked Sendable: `count` is guarded by `lock`.
    private let lock = Lock()
    private var count = 0
    let max: Int

    init(max: Int) { self.max = max }

    var current: Int { lock.withLock { count } }

    /// Takes a place if one is free.
    func tryAcquire() -> Bool {
        lock.withLock {
            guard count < max else { return false }
            count += 1
            return true
        }
    }

    func release() {
        lock.withLock {
            precondition(count > 0, "connection released twice")
            count -= 1
        }
    }
}

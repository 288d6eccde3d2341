import Glibc

/// A pthread mutex with one owner that frees it. Used for the few cross-thread hand-offs
/// (event-loop mailboxes, the connection count); never held across a syscall that may block.
final class Lock: @unchecked Sendable {
    // @unchecked Sendable: the wrapped pthread mutex is itself the synchronisation primitive.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        let result = pthread_mutex_init(mutex, nil)
        precondition(result == 0, "pthread_mutex_init failed: \(result)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

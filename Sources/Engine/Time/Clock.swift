#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Where "now" comes from, so that periods, expiry and schedules are testable without sleeping.
public protocol Clock: Sendable {
    func now() -> Timestamp
}

/// The wall clock (CLOCK_REALTIME).
public struct SystemClock: Clock {
    public init() {}

    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}

/// A clock that stands still until told to move; for tests.
public final class ManualClock: Clock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp) { current = Mutex(start) }

    public func now() -> Timestamp { current.withLock { $0 } }

    public func advance(milliseconds: Int64) {
        current.withLock { $0 = $0.adding(milliseconds: milliseconds) }
    }

    public func set(_ timestamp: Timestamp) { current.withLock { $0 = timestamp } }
}

/// The wall clock moved by a fixed offset. For end-to-end tests only (`LAUREL_TEST_CLOCK_OFFSET_MS`):
/// a server restarted a year ahead sees its points expire and its tiers reviewed, without sleeping.
public struct OffsetClock: Clock {
    public let offsetMilliseconds: Int64
    private let base = SystemClock()

    public init(offsetMilliseconds: Int64) { self.offsetMilliseconds = offsetMilliseconds }

    public func now() -> Timestamp { base.now().adding(milliseconds: offsetMilliseconds) }
}

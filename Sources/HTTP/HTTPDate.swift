import Glibc

/// The IMF-fixdate for the `Date` header, formatted once per second rather than per response.
/// Owned by one event loop; not shared between threads.
struct HTTPDateCache {
    private(set) var bytes: [UInt8] = []
    private var second = -1

    /// Reformats only when the wall-clock second changed.
    mutating func refresh(epochSeconds: Int) {
        guard epochSeconds != second else { return }
        second = epochSeconds
        bytes = Array(Self.format(epochSeconds: epochSeconds).utf8)
    }

    static func format(epochSeconds: Int) -> String {
        var time = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}

/// Coarse clocks: vDSO calls, no syscall.
enum ServerClock {
    static func monotonicMs() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &spec)
        return spec.tv_sec * 1000 + spec.tv_nsec / 1_000_000
    }

    static func epochSeconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &spec)
        return spec.tv_sec
    }
}

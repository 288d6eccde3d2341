// The only Engine file that imports Foundation: named zones need the tz database, which Foundation
// reads (on Linux from /usr/share/zoneinfo, package `tzdata`). Everything else stays integer math.
import Foundation

/// The program's time zone, in which days, ISO weeks, months, quarters and years of counters, rule
/// limits, `event.weekday`/`event.hour` and tier windows and reviews are computed. Either a fixed
/// offset from UTC (the older `program.utc_offset_minutes`) or a named IANA zone with its
/// daylight-saving rules (`program.time_zone`, e.g. "Europe/Berlin").
///
/// A local day starts at the first instant whose local civil time is on or after its midnight: when
/// a transition skips midnight (a DST gap such as 00:00 → 01:00), the day starts at the transition
/// itself; when midnight happens twice (a fall-back to 00:00), the day starts at the first one.
public struct ProgramTimeZone: Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case fixed(offsetSeconds: Int)
        case named(TimeZone)
    }

    private let kind: Kind

    /// Real offsets lie within ±18 hours.
    public static let offsetMinutesRange: ClosedRange<Int> = -1080...1080
    public static let utc = ProgramTimeZone(kind: .fixed(offsetSeconds: 0))

    private init(kind: Kind) {
        self.kind = kind
    }

    /// A zone that is always `offsetMinutes` east of UTC.
    public static func fixed(offsetMinutes: Int) -> ProgramTimeZone {
        precondition(offsetMinutesRange.contains(offsetMinutes), "UTC offset out of range")
        return ProgramTimeZone(kind: .fixed(offsetSeconds: offsetMinutes * 60))
    }

    /// The tz database zone `identifier`, an Area/Location name ("Europe/Berlin", "America/New_York",
    /// "Etc/GMT-2") or "UTC"; nil when the database has no such zone. Foundation alone also takes
    /// abbreviations ("PST") and offsets ("GMT+2", renamed "GMT+0200"), which say nothing certain
    /// about daylight saving: those are refused (a fixed offset is `utc_offset_minutes`).
    public static func named(_ identifier: String) -> ProgramTimeZone? {
        // Foundation names its UTC zone "GMT".
        guard let zone = TimeZone(identifier: identifier),
              identifier == "UTC" || (identifier.contains("/") && zone.identifier == identifier)
        else { return nil }
        return ProgramTimeZone(kind: .named(zone))
    }

    public var description: String {
        switch kind {
        case .fixed(let seconds): "UTC\(seconds < 0 ? "-" : "+")\(abs(seconds) / 60) min"
        case .named(let zone): zone.identifier
        }
    }

    /// Seconds east of UTC in effect at `instant`.
    public func offsetSeconds(at instant: Timestamp) -> Int {
        switch kind {
        case .fixed(let seconds):
            return seconds
        case .named(let zone):
            let seconds = Self.floorDivide(instant.millisecondsSinceEpoch, 1_000)
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
        }
    }

    /// The local civil time of `instant` as milliseconds since 1970-01-01T00:00 local.
    public func localMilliseconds(of instant: Timestamp) -> Int64 {
        instant.millisecondsSinceEpoch + Int64(offsetSeconds(at: instant)) * 1_000
    }

    /// Days since 1970-01-01 of the local civil date of `instant`.
    public func localDay(of instant: Timestamp) -> Int64 {
        Self.floorDivide(localMilliseconds(of: instant), Self.dayMilliseconds)
    }

    /// The first instant of the local civil day `day` (days since 1970-01-01), see the type comment.
    public func startOfLocalDay(_ day: Int64) -> Timestamp {
        let midnight = day * Self.dayMilliseconds
        if case .fixed(let seconds) = kind { return Timestamp(millisecondsSinceEpoch: midnight - Int64(seconds) * 1_000) }
        // The instant lies within 18 hours of `midnight` read as UTC, and zones change at most once
        // in a day: the offsets a day before, at and a day after cover every candidate.
        let offsets = Set([-Self.dayMilliseconds, 0, Self.dayMilliseconds].map {
            Int64(offsetSeconds(at: Timestamp(millisecondsSinceEpoch: midnight + $0))) * 1_000
        })
        let valid = offsets.map { midnight - $0 }.filter { localMilliseconds(of: Timestamp(millisecondsSinceEpoch: $0)) == midnight }
        if let first = valid.min() { return Timestamp(millisecondsSinceEpoch: first) }
        // Midnight falls in a gap: the day starts at the transition, the first instant whose local
        // time is past midnight. Local time only rises across the gap, so bisect (whole seconds).
        var low = midnight - offsets.max()!  // local time before midnight
        var high = midnight - offsets.min()!  // local time after midnight
        while high - low > 1_000 {
            let middle = low + Self.floorDivide(high - low, 2_000) * 1_000
            if localMilliseconds(of: Timestamp(millisecondsSinceEpoch: middle)) > midnight { high = middle } else { low = middle }
        }
        return Timestamp(millisecondsSinceEpoch: high)
    }

    static let dayMilliseconds: Int64 = 86_400_000

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    public static func == (lhs: ProgramTimeZone, rhs: ProgramTimeZone) -> Bool {
        switch (lhs.kind, rhs.kind) {
        case (.fixed(let a), .fixed(let b)): a == b
        case (.named(let a), .named(let b)): a.identifier == b.identifier
        default: false
        }
    }
}

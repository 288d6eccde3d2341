/// The window of a counter period that contains an instant, in the program's time zone
/// (`ProgramTimeZone`: a fixed offset or a named zone with daylight saving, so a local day may last
/// 23 or 25 hours). Every window is half-open, `[start, end)`, so that adjacent windows never share
/// an instant and a store can ask `start <= t AND t < end`.
public enum CalendarWindow {
    /// `all` starts at the first representable instant…
    public static let allStart = Timestamp(millisecondsSinceEpoch: Int64.min)
    /// …and ends at the last, which stands for +∞ (no event can occur then).
    public static let allEnd = Timestamp(millisecondsSinceEpoch: Int64.max)
    /// Instants further than this from 1970 (about 31 000 years) are programmer errors: civil-date
    /// arithmetic on them could overflow.
    public static let instantMillisecondsMax: Int64 = 1_000_000_000_000_000

    static let dayMilliseconds: Int64 = 86_400_000

    /// - day, week (ISO: Monday to Monday), month, quarter, year: the calendar unit that contains
    ///   `instant` in local time, from the start of its first local day to the start of the next
    ///   unit's first local day.
    /// - all: `[allStart, allEnd)`.
    /// - rolling_7d / rolling_30d: the last N days ending with `instant` itself, i.e. the instants
    ///   `t` with `instant − N days < t <= instant`, returned half-open as
    ///   `[instant − N days + 1 ms, instant + 1 ms)`. Rolling days are 24 hours, whatever the zone.
    public static func containing(
        _ instant: Timestamp, period: CounterPeriod, in zone: ProgramTimeZone
    ) -> (start: Timestamp, end: Timestamp) {
        precondition(abs(instant.millisecondsSinceEpoch) <= instantMillisecondsMax, "instant out of range")
        let localDay = zone.localDay(of: instant)
        func utc(_ days: Int64) -> Timestamp { zone.startOfLocalDay(days) }
        func rolling(_ days: Int64) -> (start: Timestamp, end: Timestamp) {
            (instant.adding(milliseconds: 1 - days * dayMilliseconds), instant.adding(milliseconds: 1))
        }
        let (year, month, _) = RFC3339.civil(fromDays: localDay)
        switch period {
        case .day:
            return (utc(localDay), utc(localDay + 1))
        case .week:
            let monday = monday(of: localDay)
            return (utc(monday), utc(monday + 7))
        case .month:
            return (utc(firstDay(year, month)), utc(firstDay(year, month + 1)))
        case .quarter:
            let first = (month - 1) / 3 * 3 + 1
            return (utc(firstDay(year, first)), utc(firstDay(year, first + 3)))
        case .year:
            return (utc(firstDay(year, 1)), utc(firstDay(year + 1, 1)))
        case .all:
            return (allStart, allEnd)
        case .rolling7Days:
            return rolling(7)
        case .rolling30Days:
            return rolling(30)
        }
    }

    /// The Monday of the ISO week holding `day` (days since 1970-01-01, a Thursday).
    static func monday(of day: Int64) -> Int64 {
        day - floorModulo(day + 3, 7)
    }

    /// Days since 1970-01-01 of the first day of `month`, which may be 13..15 for the next year.
    static func firstDay(_ year: Int64, _ month: Int64) -> Int64 {
        month > 12
            ? RFC3339.daysFromCivil(year: year + 1, month: month - 12, day: 1)
            : RFC3339.daysFromCivil(year: year, month: month, day: 1)
    }

    static func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        value - ProgramTimeZone.floorDivide(value, divisor) * divisor
    }
}

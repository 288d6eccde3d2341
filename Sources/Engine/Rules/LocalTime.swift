/// Weekday and hour of an instant in the program's time zone, given as a fixed offset from UTC in
/// minutes. Named zones with daylight-saving rules come later; a fixed offset keeps this exact.
public struct LocalTime: Sendable, Equatable {
    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public let weekday: Int64
    /// 0–23.
    public let hour: Int64

    static let dayMilliseconds: Int64 = 86_400_000
    /// Real offsets lie within ±18 hours.
    public static let offsetMinutesRange: ClosedRange<Int> = -1080...1080

    public init(weekday: Int64, hour: Int64) {
        self.weekday = weekday
        self.hour = hour
    }

    public init(_ instant: Timestamp, utcOffsetMinutes: Int) {
        precondition(Self.offsetMinutesRange.contains(utcOffsetMinutes), "UTC offset out of range")
        let local = instant.millisecondsSinceEpoch + Int64(utcOffsetMinutes) * 60_000
        var days = local / Self.dayMilliseconds
        var millisecondOfDay = local % Self.dayMilliseconds
        if millisecondOfDay < 0 {
            days -= 1
            millisecondOfDay += Self.dayMilliseconds
        }
        // 1970-01-01 was a Thursday, ISO weekday 4.
        let weekdayIndex = (days + 3) % 7
        weekday = (weekdayIndex < 0 ? weekdayIndex + 7 : weekdayIndex) + 1
        hour = millisecondOfDay / 3_600_000
    }
}

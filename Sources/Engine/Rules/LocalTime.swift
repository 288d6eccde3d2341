/// Weekday and hour of an instant in the program's time zone (`ProgramTimeZone`): the local civil
/// time, so that 07:30 in Berlin is hour 7 in winter and in summer alike.
public struct LocalTime: Sendable, Equatable {
    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public let weekday: Int64
    /// 0–23.
    public let hour: Int64

    static let dayMilliseconds: Int64 = 86_400_000

    public init(weekday: Int64, hour: Int64) {
        self.weekday = weekday
        self.hour = hour
    }

    public init(_ instant: Timestamp, in zone: ProgramTimeZone) {
        let local = zone.localMilliseconds(of: instant)
        let days = ProgramTimeZone.floorDivide(local, Self.dayMilliseconds)
        let millisecondOfDay = local - days * Self.dayMilliseconds
        // 1970-01-01 was a Thursday, ISO weekday 4.
        let weekdayIndex = (days + 3) % 7
        weekday = (weekdayIndex < 0 ? weekdayIndex + 7 : weekdayIndex) + 1
        hour = millisecondOfDay / 3_600_000
    }
}

import Testing
import Engine

struct CalendarWindowTests {
    private func t(_ text: String) -> Timestamp {
        guard let timestamp = RFC3339.parse(text) else { fatalError("bad literal \(text)") }
        return timestamp
    }

    private func window(_ text: String, _ period: CounterPeriod, offset: Int = 0) -> [String] {
        let (start, end) = CalendarWindow.containing(t(text), period: period, in: .fixed(offsetMinutes: offset))
        return [start.rfc3339, end.rfc3339]
    }

    @Test func dayIsTheLocalCalendarDay() {
        #expect(window("2026-11-23T14:05:09Z", .day) == ["2026-11-23T00:00:00.000Z", "2026-11-24T00:00:00.000Z"])
        // 23:30 UTC is already 00:30 on the 24th at UTC+1.
        #expect(window("2026-11-23T23:30:00Z", .day, offset: 60) == ["2026-11-23T23:00:00.000Z", "2026-11-24T23:00:00.000Z"])
    }

    @Test func weekStartsOnMondayAndCrossesTheYearEnd() {
        // 2026-01-01 is a Thursday: its ISO week began on Monday 2025-12-29.
        #expect(window("2026-01-01T12:00:00Z", .week) == ["2025-12-29T00:00:00.000Z", "2026-01-05T00:00:00.000Z"])
        // Sunday's last millisecond still belongs to the week that began on Monday the 23rd.
        #expect(window("2026-11-29T23:59:59.999Z", .week) == ["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"])
        #expect(window("2026-11-30T00:00:00Z", .week) == ["2026-11-30T00:00:00.000Z", "2026-12-07T00:00:00.000Z"])
    }

    @Test func leapDayBelongsToFebruaryAndTheFirstQuarter() {
        #expect(window("2024-02-29T12:00:00Z", .day) == ["2024-02-29T00:00:00.000Z", "2024-03-01T00:00:00.000Z"])
        #expect(window("2024-02-29T12:00:00Z", .month) == ["2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"])
        #expect(window("2024-02-29T12:00:00Z", .quarter) == ["2024-01-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z"])
        #expect(window("2024-02-29T12:00:00Z", .year) == ["2024-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"])
    }

    @Test func theLastQuarterEndsAtTheNextYear() {
        #expect(window("2026-11-23T14:05:09Z", .quarter) == ["2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"])
        #expect(window("2026-12-31T23:59:59.999Z", .month) == ["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"])
    }

    @Test func aNegativeOffsetKeepsTheLocalYear() {
        // 03:00 UTC on New Year's Day is still 22:00 on 31 December at UTC−5.
        #expect(window("2026-01-01T03:00:00Z", .year, offset: -300) == ["2025-01-01T05:00:00.000Z", "2026-01-01T05:00:00.000Z"])
        #expect(window("2026-01-01T03:00:00Z", .week, offset: -300) == ["2025-12-29T05:00:00.000Z", "2026-01-05T05:00:00.000Z"])
    }

    @Test func instantsBefore1970() {
        #expect(window("1969-12-31T23:59:59.999Z", .day) == ["1969-12-31T00:00:00.000Z", "1970-01-01T00:00:00.000Z"])
        // 1969-12-31 was a Wednesday.
        #expect(window("1969-12-31T23:59:59.999Z", .week) == ["1969-12-29T00:00:00.000Z", "1970-01-05T00:00:00.000Z"])
        // 02:00 UTC on 1 March 1960 is 23:00 on the leap day at UTC−3.
        #expect(window("1960-03-01T02:00:00Z", .month, offset: -180) == ["1960-02-01T03:00:00.000Z", "1960-03-01T03:00:00.000Z"])
    }

    @Test func rollingWindowsEndWithTheInstantItself() {
        #expect(window("2026-11-23T12:00:00Z", .rolling7Days) == ["2026-11-16T12:00:00.001Z", "2026-11-23T12:00:00.001Z"])
        #expect(window("2026-11-23T12:00:00Z", .rolling30Days) == ["2026-10-24T12:00:00.001Z", "2026-11-23T12:00:00.001Z"])
    }

    @Test func allIsEverything() {
        let (start, end) = CalendarWindow.containing(t("1900-01-01T00:00:00Z"), period: .all, in: .fixed(offsetMinutes: 120))
        #expect(start == CalendarWindow.allStart && end == CalendarWindow.allEnd)
    }

    @Test func everyWindowContainsItsInstantAndCalendarWindowsTile() {
        var seed: UInt64 = 0x5EED
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Instants between about 1900 and 2100, offsets within ±18 hours.
            let instant = Timestamp(millisecondsSinceEpoch: Int64(seed >> 23) % 6_300_000_000_000 - 2_200_000_000_000)
            let offset = Int(seed % 2_161) - 1_080
            for period in CounterPeriod.allCases {
                let (start, end) = CalendarWindow.containing(instant, period: period, in: .fixed(offsetMinutes: offset))
                #expect(start <= instant && instant < end, "\(period) \(instant) \(offset)")
                guard period != .all, period != .rolling7Days, period != .rolling30Days else { continue }
                #expect(CalendarWindow.containing(end, period: period, in: .fixed(offsetMinutes: offset)).start == end)
                #expect(CalendarWindow.containing(start.adding(milliseconds: -1), period: period, in: .fixed(offsetMinutes: offset)).end == start)
            }
        }
    }
}

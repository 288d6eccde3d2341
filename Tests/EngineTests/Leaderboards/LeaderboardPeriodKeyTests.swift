import Testing
@testable import Engine

struct LeaderboardPeriodKeyTests {
    static func day(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 { RFC3339.daysFromCivil(year: year, month: month, day: day) }

    @Test func isoWeeksBelongToTheYearOfTheirThursday() {
        // 2021-01-03 is a Sunday in 2020-W53; 2024-12-30 is a Monday in 2025-W01.
        #expect(LeaderboardPeriodKey.containing(day: Self.day(2021, 1, 3), kind: .week).name == "2020-W53")
        #expect(LeaderboardPeriodKey.containing(day: Self.day(2024, 12, 30), kind: .week).name == "2025-W01")
        let week47 = LeaderboardPeriodKey.containing(day: Self.day(2026, 11, 23), kind: .week)
        #expect(week47.name == "2026-W48")
        #expect(week47.firstDay == Self.day(2026, 11, 23) && week47.lastDay == Self.day(2026, 11, 29), "Monday to Sunday")
    }

    @Test func calendarPeriodsSpanWholeDays() {
        let day = Self.day(2026, 2, 14)
        #expect(LeaderboardPeriodKey.containing(day: day, kind: .day).name == "2026-02-14")
        let month = LeaderboardPeriodKey.containing(day: day, kind: .month)
        #expect(month.name == "2026-02" && month.firstDay == Self.day(2026, 2, 1) && month.lastDay == Self.day(2026, 2, 28))
        let quarter = LeaderboardPeriodKey.containing(day: Self.day(2026, 12, 31), kind: .quarter)
        #expect(quarter.name == "2026-Q4" && quarter.firstDay == Self.day(2026, 10, 1) && quarter.lastDay == Self.day(2026, 12, 31))
        let year = LeaderboardPeriodKey.containing(day: day, kind: .year)
        #expect(year.name == "2026" && year.lastDay - year.firstDay == 364)
        let rolling = LeaderboardPeriodKey.containing(day: day, kind: .rolling7Days)
        #expect(rolling.name == "current" && rolling.firstDay == day - 6 && rolling.lastDay == day)
        #expect(LeaderboardPeriodKey.containing(day: day, kind: .rolling30Days).firstDay == day - 29)
    }

    @Test func namesParseBackToTheirPeriodAndNothingElseParses() {
        for (name, kind) in [("2026-11-23", CounterPeriod.day), ("2020-W53", .week), ("2026-W53", .week), ("2026-W01", .week), ("2026-02", .month),
                             ("2026-Q1", .quarter), ("2026", .year), ("all", .all)] {
            #expect(LeaderboardPeriodKey.parse(name, kind: kind)?.name == name, "\(name)")
        }
        for (name, kind) in [("2025-W53", CounterPeriod.week), ("2026-W00", .week), ("2026-13", .month), ("2026-02-30", .day),
                             ("2026-Q5", .quarter), ("2026-11", .week), ("26-11", .month), ("current", .month), ("2026-2", .month),
                             ("1969", .year), ("2026-11-23", .rolling7Days), ("", .day), ("2026-W4x", .week)] {
            #expect(LeaderboardPeriodKey.parse(name, kind: kind) == nil, "\(name) as \(kind)")
        }
    }

    @Test func theClosedPeriodBeforeAPeriodIsTheOneJustBefore() {
        let january = LeaderboardPeriodKey.containing(day: Self.day(2026, 1, 10), kind: .month)
        #expect(january.previous(kind: .month)?.name == "2025-12")
        #expect(LeaderboardPeriodKey.containing(day: Self.day(2026, 1, 10), kind: .rolling7Days).previous(kind: .rolling7Days) == nil)
    }
}

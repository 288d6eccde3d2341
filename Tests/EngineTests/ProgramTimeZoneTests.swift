import Testing
import Engine

/// Windows and local times in named zones across daylight-saving transitions (2026: Berlin moves
/// to summer time on 29 March at 01:00 UTC and back on 25 October at 01:00 UTC; New York on
/// 8 March at 07:00 UTC and back on 1 November at 06:00 UTC).
struct ProgramTimeZoneTests {
    private static func t(_ text: String) -> Timestamp {
        guard let timestamp = RFC3339.parse(text) else { fatalError("bad literal \(text)") }
        return timestamp
    }

    private static func zone(_ name: String) -> ProgramTimeZone {
        guard let zone = ProgramTimeZone.named(name) else { fatalError("tz database lacks \(name): install tzdata") }
        return zone
    }

    private let berlin = zone("Europe/Berlin")
    private let newYork = zone("America/New_York")

    private func window(_ text: String, _ period: CounterPeriod, _ zone: ProgramTimeZone) -> [String] {
        let (start, end) = CalendarWindow.containing(Self.t(text), period: period, in: zone)
        return [start.rfc3339, end.rfc3339]
    }

    private func hours(_ window: [String]) -> Int64 {
        (Self.t(window[1]).millisecondsSinceEpoch - Self.t(window[0]).millisecondsSinceEpoch) / 3_600_000
    }

    @Test func onlyNamesOfTheTzDatabaseAreZones() {
        #expect(ProgramTimeZone.named("Europe/Berlin") != nil)
        #expect(ProgramTimeZone.named("UTC") != nil)
        #expect(ProgramTimeZone.named("Europe/Berln") == nil)
        #expect(ProgramTimeZone.named("GMT+2") == nil)
        #expect(ProgramTimeZone.named("PST") == nil)
        #expect(ProgramTimeZone.named("europe/berlin") == nil)
        #expect(ProgramTimeZone.named("Asia/Kolkata") != nil)
        #expect(ProgramTimeZone.named("") == nil)
        #expect(ProgramTimeZone.named("Europe/Berlin") == berlin)
        #expect(berlin != newYork && berlin != .fixed(offsetMinutes: 60))
        #expect(berlin.description == "Europe/Berlin")
    }

    @Test func theOffsetFollowsDaylightSaving() {
        #expect(berlin.offsetSeconds(at: Self.t("2026-03-29T00:59:59Z")) == 3_600)
        #expect(berlin.offsetSeconds(at: Self.t("2026-03-29T01:00:00Z")) == 7_200)
        #expect(newYork.offsetSeconds(at: Self.t("2026-11-01T05:59:59Z")) == -14_400)
        #expect(newYork.offsetSeconds(at: Self.t("2026-11-01T06:00:00Z")) == -18_000)
    }

    @Test func theDayClocksSpringForwardLasts23HoursAndTheDayTheyFallBack25() {
        let spring = window("2026-03-29T12:00:00Z", .day, berlin)
        #expect(spring == ["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"])
        #expect(hours(spring) == 23)
        let autumn = window("2026-10-25T12:00:00Z", .day, berlin)
        #expect(autumn == ["2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"])
        #expect(hours(autumn) == 25)
        #expect(window("2026-03-08T12:00:00Z", .day, newYork) == ["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"])
        #expect(window("2026-11-01T12:00:00Z", .day, newYork) == ["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"])
    }

    @Test func aDayEndsAtLocalMidnightNotUTCMidnight() {
        // 04:30 UTC on 2 November is still 23:30 on 1 November in New York (UTC−5 then).
        #expect(window("2026-11-02T04:30:00Z", .day, newYork) == ["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"])
        #expect(window("2026-11-02T05:00:00Z", .day, newYork) == ["2026-11-02T05:00:00.000Z", "2026-11-03T05:00:00.000Z"])
    }

    @Test func theISOWeekContainingTheChangeRunsMondayToMondayLocal() {
        let berlinWeek = window("2026-03-29T21:59:59.999Z", .week, berlin)
        #expect(berlinWeek == ["2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z"])
        #expect(hours(berlinWeek) == 7 * 24 - 1)
        let newYorkWeek = window("2026-10-27T12:00:00Z", .week, newYork)
        #expect(newYorkWeek == ["2026-10-26T04:00:00.000Z", "2026-11-02T05:00:00.000Z"])
        #expect(hours(newYorkWeek) == 7 * 24 + 1)
    }

    @Test func monthsQuartersAndYearsStartAtLocalMidnight() {
        #expect(window("2026-03-15T12:00:00Z", .month, berlin) == ["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"])
        // 22:30 UTC on 31 March is already April in Berlin.
        #expect(window("2026-03-31T22:30:00Z", .month, berlin) == ["2026-03-31T22:00:00.000Z", "2026-04-30T22:00:00.000Z"])
        #expect(window("2026-03-31T22:30:00Z", .quarter, berlin) == ["2026-03-31T22:00:00.000Z", "2026-06-30T22:00:00.000Z"])
        #expect(window("2026-11-15T12:00:00Z", .quarter, berlin) == ["2026-09-30T22:00:00.000Z", "2026-12-31T23:00:00.000Z"])
        #expect(window("2026-06-01T00:00:00Z", .year, berlin) == ["2025-12-31T23:00:00.000Z", "2026-12-31T23:00:00.000Z"])
        // 03:00 UTC on New Year's Day is still the old year in New York.
        #expect(window("2026-01-01T03:00:00Z", .year, newYork) == ["2025-01-01T05:00:00.000Z", "2026-01-01T05:00:00.000Z"])
        #expect(window("2026-11-01T12:00:00Z", .month, newYork) == ["2026-11-01T04:00:00.000Z", "2026-12-01T05:00:00.000Z"])
    }

    @Test func eventHourIsLocalBeforeAndAfterTheChange() {
        #expect(LocalTime(Self.t("2026-03-29T00:30:00Z"), in: berlin) == LocalTime(weekday: 7, hour: 1))
        #expect(LocalTime(Self.t("2026-03-29T01:30:00Z"), in: berlin) == LocalTime(weekday: 7, hour: 3))
        // Falling back, 02:xx happens twice.
        #expect(LocalTime(Self.t("2026-10-25T00:30:00Z"), in: berlin) == LocalTime(weekday: 7, hour: 2))
        #expect(LocalTime(Self.t("2026-10-25T01:30:00Z"), in: berlin) == LocalTime(weekday: 7, hour: 2))
        #expect(LocalTime(Self.t("2026-03-08T06:30:00Z"), in: newYork) == LocalTime(weekday: 7, hour: 1))
        #expect(LocalTime(Self.t("2026-03-08T07:30:00Z"), in: newYork) == LocalTime(weekday: 7, hour: 3))
        // 04:30 UTC on Monday 2 November is Sunday 23:30 in New York.
        #expect(LocalTime(Self.t("2026-11-02T04:30:00Z"), in: newYork) == LocalTime(weekday: 7, hour: 23))
    }

    @Test func aMidnightInsideAGapStartsTheDayAtTheTransition() {
        // São Paulo, 4 November 2018: clocks jumped from 00:00 (−03) to 01:00 (−02) at 03:00 UTC.
        let saoPaulo = Self.zone("America/Sao_Paulo")
        #expect(window("2018-11-04T12:00:00Z", .day, saoPaulo) == ["2018-11-04T03:00:00.000Z", "2018-11-05T02:00:00.000Z"])
        #expect(window("2018-11-03T12:00:00Z", .day, saoPaulo) == ["2018-11-03T03:00:00.000Z", "2018-11-04T03:00:00.000Z"])
        #expect(window("2018-11-15T12:00:00Z", .month, saoPaulo) == ["2018-11-01T03:00:00.000Z", "2018-12-01T02:00:00.000Z"])
    }

    @Test func aMidnightThatHappensTwiceStartsTheDayAtTheFirst() {
        // Havana, 1 November 2026: clocks go back from 01:00 (−04) to 00:00 (−05) at 05:00 UTC.
        let havana = Self.zone("America/Havana")
        #expect(window("2026-11-01T12:00:00Z", .day, havana) == ["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"])
        #expect(window("2026-10-31T12:00:00Z", .day, havana) == ["2026-10-31T04:00:00.000Z", "2026-11-01T04:00:00.000Z"])
    }

    @Test func tierCalendarYearsAndReviewsAreLocal() {
        #expect(TierWindow.calendarYear.bounds(at: Self.t("2026-06-01T00:00:00Z"), in: berlin).from == Self.t("2025-12-31T23:00:00Z"))
        #expect(TierReviewPeriod.month.nextReview(after: Self.t("2026-03-15T00:00:00Z"), in: berlin) == Self.t("2026-03-31T22:00:00Z"))
        #expect(TierReviewPeriod.year.nextReview(after: Self.t("2026-06-01T00:00:00Z"), in: newYork) == Self.t("2027-01-01T05:00:00Z"))
        // 23:30 UTC on 31 December is already the new year in Berlin: the next review is a year on.
        #expect(TierReviewPeriod.year.nextReview(after: Self.t("2026-12-31T23:30:00Z"), in: berlin) == Self.t("2027-12-31T23:00:00Z"))
    }

    @Test func namedUTCAgreesWithTheFixedZeroOffset() {
        let named = Self.zone("UTC")
        for period in CounterPeriod.allCases {
            let instant = Self.t("2026-03-29T01:30:00Z")
            #expect(CalendarWindow.containing(instant, period: period, in: named) == CalendarWindow.containing(instant, period: period, in: .utc))
        }
    }

    @Test func namedZoneWindowsContainTheirInstantAndTile() {
        // Apia skipped 30 December 2011 altogether; Lord Howe moves by half an hour.
        let zones = ["Europe/Berlin", "America/New_York", "America/Sao_Paulo", "America/Havana", "Pacific/Apia",
                     "Australia/Lord_Howe", "Asia/Kolkata"].map(Self.zone)
        var seed: UInt64 = 0x7A11
        for _ in 0..<600 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Instants between 1970 and about 2100.
            let instant = Timestamp(millisecondsSinceEpoch: Int64(seed >> 23) % 4_100_000_000_000)
            let zone = zones[Int(seed % UInt64(zones.count))]
            for period in [CounterPeriod.day, .week, .month, .quarter, .year] {
                let (start, end) = CalendarWindow.containing(instant, period: period, in: zone)
                #expect(start <= instant && instant < end, "\(period) \(instant) \(zone)")
                #expect(CalendarWindow.containing(end, period: period, in: zone).start == end, "\(period) \(instant) \(zone)")
                #expect(CalendarWindow.containing(start.adding(milliseconds: -1), period: period, in: zone).end == start)
                #expect(LocalTime(start, in: zone).hour <= 1, "a window starts at or just after local midnight")
            }
        }
    }
}

import Testing
import Engine

private func ms(_ text: String) -> Int64? { RFC3339.parse(text)?.millisecondsSinceEpoch }

struct RFC3339ParseTests {
    @Test func utcWithZ() {
        #expect(ms("1970-01-01T00:00:00Z") == 0)
        #expect(ms("2026-11-23T14:05:09Z") == 1_795_442_709_000)
        #expect(ms("2026-11-23t14:05:09z") == 1_795_442_709_000)
    }

    @Test func offsetsAreSubtractedToGetUTC() {
        #expect(ms("2026-11-23T19:35:09+05:30") == ms("2026-11-23T14:05:09Z"))
        #expect(ms("2026-11-23T06:05:09-08:00") == ms("2026-11-23T14:05:09Z"))
        #expect(ms("2026-11-23T14:05:09+00:00") == ms("2026-11-23T14:05:09Z"))
    }

    @Test func fractionsGiveMilliseconds() {
        let base: Int64 = 1_795_442_709_000
        #expect(ms("2026-11-23T14:05:09.1Z") == base + 100)
        #expect(ms("2026-11-23T14:05:09.12Z") == base + 120)
        #expect(ms("2026-11-23T14:05:09.123Z") == base + 123)
    }

    @Test func fractionsBeyondMillisecondsAreTruncated() {
        let base: Int64 = 1_795_442_709_000
        #expect(ms("2026-11-23T14:05:09.1239Z") == base + 123)
        #expect(ms("2026-11-23T14:05:09.123999999Z") == base + 123)
        #expect(ms("2026-11-23T14:05:09.999999999+01:00") == base + 999 - 3_600_000)
    }

    @Test func leapDaysExistOnlyInLeapYears() {
        #expect(ms("2024-02-29T00:00:00Z") == 1_709_164_800_000)
        #expect(ms("2000-02-29T00:00:00Z") != nil)
        #expect(ms("2023-02-29T00:00:00Z") == nil)
        #expect(ms("1900-02-29T00:00:00Z") == nil)
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-00T00:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z",
        "2026-01-01T00:00:00", "2026-01-01T00:00:00.123", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00.Z",
        "2026-01-01T00:00:00+0530", "2026-01-01T00:00:00+05", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00Zjunk",
        "26-01-01T00:00:00Z", "2026-1-01T00:00:00Z", "", "not a date at all, really",
    ])
    func malformedOrImpossibleTimesAreRefused(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func timesBeforeTheEpochAreNegative() {
        #expect(ms("1969-12-31T23:59:59.999Z") == -1)
        #expect(ms("1969-07-20T20:17:40Z") == -14_182_940_000)
    }
}

struct RFC3339FormatTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(RFC3339.format(Timestamp(millisecondsSinceEpoch: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Timestamp(millisecondsSinceEpoch: 1_795_442_709_120)) == "2026-11-23T14:05:09.120Z")
        #expect(Timestamp(millisecondsSinceEpoch: 1_709_164_800_007).rfc3339 == "2024-02-29T00:00:00.007Z")
    }

    @Test func formatsNegativeEpochs() {
        #expect(RFC3339.format(Timestamp(millisecondsSinceEpoch: -1)) == "1969-12-31T23:59:59.999Z")
        #expect(RFC3339.format(Timestamp(millisecondsSinceEpoch: -86_400_000)) == "1969-12-31T00:00:00.000Z")
        #expect(RFC3339.format(Timestamp(millisecondsSinceEpoch: -14_182_940_000)) == "1969-07-20T20:17:40.000Z")
    }

    @Test(arguments: [
        ("2026-11-23T19:35:09.5+05:30", "2026-11-23T14:05:09.500Z"),
        ("2026-12-31T20:00:00-08:00", "2027-01-01T04:00:00.000Z"),
        ("2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00.000Z"),
        ("1970-01-01T00:00:00.000Z", "1970-01-01T00:00:00.000Z"),
        ("1969-12-31T23:59:59.9999Z", "1969-12-31T23:59:59.999Z"),
    ])
    func formatOfParseNormalisesToUTC(_ input: String, _ expected: String) throws {
        let parsed = try #require(RFC3339.parse(input))
        #expect(RFC3339.format(parsed) == expected)
        #expect(RFC3339.parse(expected) == parsed)
    }

    @Test func everyDayOfFourYearsRoundTrips() {
        // 2023-01-01 through 2026-12-31, at a time with milliseconds: civil ↔ days both ways.
        let start: Int64 = 1_672_531_200_000 + 45_296_789
        for day in Int64(0)..<1461 {
            let timestamp = Timestamp(millisecondsSinceEpoch: start + day * 86_400_000)
            #expect(RFC3339.parse(RFC3339.format(timestamp)) == timestamp)
        }
    }
}

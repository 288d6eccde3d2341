import Testing
import Engine

struct RuleFactPathTests {
    @Test func eventFactsParseToTheirOwnCases() throws {
        #expect(try FactPath.parse("event.type") == .eventType)
        #expect(try FactPath.parse("event.occurred_at") == .eventOccurredAt)
        #expect(try FactPath.parse("event.weekday") == .eventWeekday)
        #expect(try FactPath.parse("event.hour") == .eventHour)
        #expect(try FactPath.parse("event.amount") == .eventProperty("amount"))
        #expect(try FactPath.parse("event.properties.amount") == .eventProperty("amount"))
        #expect(try FactPath.parse("event.properties.type") == .eventProperty("type"))
    }

    @Test func memberAndOrganizationFieldsAndAttributesParse() throws {
        #expect(try FactPath.parse("member.role") == .field(.member, "role"))
        #expect(try FactPath.parse("member.organization_id") == .field(.member, "organization_id"))
        #expect(try FactPath.parse("organization.parent_id") == .field(.organization, "parent_id"))
        #expect(try FactPath.parse("organization.attributes.region") == .attribute(.organization, "region"))
        #expect(try FactPath.parse("member.attributes.shoe-size") == .attribute(.member, "shoe-size"))
    }

    @Test func countersParseFromTheRightSoEventTypesMayContainDots() throws {
        #expect(try FactPath.parse("member.count.deal.closed.month") == .count(.member, eventType: "deal.closed", period: .month))
        #expect(try FactPath.parse("organization.count.quiz.passed.rolling_30d")
            == .count(.organization, eventType: "quiz.passed", period: .rolling30Days))
        #expect(try FactPath.parse("member.count.login.all") == .count(.member, eventType: "login", period: .all))
        #expect(try FactPath.parse("member.sum.deal.closed.amount.quarter")
            == .sum(.member, eventType: "deal.closed", property: "amount", period: .quarter))
        #expect(try FactPath.parse("member.streak.video.watched.week") == .streak(.member, eventType: "video.watched", unit: .week))
    }

    @Test func factsPrintAsTheyParse() throws {
        for text in ["event.type", "event.amount", "event.properties.hour", "member.tier", "organization.attributes.x",
                     "member.count.deal.closed.rolling_7d", "organization.sum.a.b.c.year", "member.streak.x.day"] {
            #expect(try FactPath.parse(text).description == text)
        }
    }

    @Test func unknownOrMalformedFactsAreRefusedWithAReason() {
        for text in ["", "customer.tier", "event", "event.a.b", "event.properties", "member.shoe", "member.attributes",
                     "member.count.deal.closed.fortnight", "member.count.month", "member.sum.deal.month",
                     "member.streak.login.month", "member..role", "member.role ", "event.amount!",
                     String(repeating: "a", count: 300)] {
            #expect(throws: FactPathError.self, "\(text)") { try FactPath.parse(text) }
        }
    }

    @Test func weekdayAndHourFollowTheProgramsUTCOffset() {
        // 2026-01-04T23:30:00Z is a Sunday.
        let instant = RFC3339.parse("2026-01-04T23:30:00Z")!
        #expect(LocalTime(instant, in: .utc) == LocalTime(weekday: 7, hour: 23))
        #expect(LocalTime(instant, in: .fixed(offsetMinutes: 60)) == LocalTime(weekday: 1, hour: 0))
        #expect(LocalTime(instant, in: .fixed(offsetMinutes: -300)) == LocalTime(weekday: 7, hour: 18))
        let beforeEpoch = RFC3339.parse("1969-12-31T23:00:00Z")!  // a Wednesday
        #expect(LocalTime(beforeEpoch, in: .utc) == LocalTime(weekday: 3, hour: 23))
    }
}

@testable import Engine
import Testing

/// How far back a rule that gains a limit per member or organization indexes its awards: to the
/// start of the earliest period such a limit can still count, given how far back events may be.
struct RuleLimitIndexingTests {
    static let now = Timestamp(millisecondsSinceEpoch: 1_773_576_000_000)  // 2026-03-15T12:00:00Z; 30 days before: 2026-02-13

    static func rule(limits: [JSONValue]) throws -> Rule {
        try RuleParser.parse(["name": "r", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 1]]], "limits": .array(limits)], id: "r")
    }

    @Test func theEarliestPeriodStartOfTheSubjectLimitsAroundTheOldestAcceptedEvent() throws {
        let dayAndMonth = try Self.rule(limits: [["per": "member", "period": "day", "max_count": 1],
                                                  ["per": "organization", "period": "month", "max_count": 9]])
        #expect(RuleCatalogCommands.earliestCountable(dayAndMonth, at: Self.now, timeZone: .utc)?.millisecondsSinceEpoch == 1_769_904_000_000,
                "2026-02-01: the month of the oldest event an organization limit can count")
        let week = try Self.rule(limits: [["per": "member", "period": "week", "max_count": 1],
                                          ["per": "program", "period": "all", "max_count": 100]])
        #expect(RuleCatalogCommands.earliestCountable(week, at: Self.now, timeZone: .utc)?.millisecondsSinceEpoch == 1_770_595_200_000,
                "2026-02-09, the Monday of that week; a program limit reads no index")
        let forever = try Self.rule(limits: [["per": "member", "period": "all", "max_count": 1]])
        #expect(RuleCatalogCommands.earliestCountable(forever, at: Self.now, timeZone: .utc) == nil, "all time: every award")
    }
}

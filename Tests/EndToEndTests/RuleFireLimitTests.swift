import Foundation
import Testing

/// Count limits of rules that award nothing: every fire counts, whatever its effects, and a
/// reversed event's fire stops counting.
@Suite("Rule fire limits")
struct RuleFireLimitTests {
    @Test func aBadgeOnlyRuleStopsAtItsCountLimitAndAReversalFreesAFire() throws {
        let program = try BadgeTests.Program(
            badges: [("closer", ["name": "Closer", "repeatable": true])],
            rules: [("closer", ["name": "Closer", "on": "deal.closed", "then": [["badge": "closer"]],
                                "limits": [["per": "member", "period": "month", "max_count": 2]]])])
        #expect(try program.post("d-1", "deal.closed") == ["closer"])
        #expect(try program.post("d-2", "deal.closed") == ["closer"])
        // The third fire is over the limit: no badge, and the rule says why.
        let third = try program.portal.post("/v1/events", ["id": "d-3", "type": "deal.closed", "member_id": "ann", "properties": [:]])
        #expect((third.json["badges"] as? [[String: Any]] ?? []).isEmpty, "\(third.text)")
        #expect((third.json["rules"] as? [[String: Any]])?.first?["applied"] as? Bool == false)
        // Another member has limits of their own.
        #expect(try program.post("g-1", "deal.closed", member: "gus") == ["closer"])
        // Reversing d-1 frees one fire for ann.
        let reversed = try program.portal.post("/v1/events/d-1/reverse", [String: Any]())
        #expect(reversed.status == 200, "\(reversed.text)")
        #expect(try program.post("d-4", "deal.closed") == ["closer"])
        #expect(try program.post("d-5", "deal.closed") == [])
    }

    @Test func aTagOnlyRuleCountsItsFiresForAProgramWideLimit() throws {
        let program = try BadgeTests.Program(
            badges: [],
            rules: [("tagger", ["name": "Tag closers", "on": "deal.closed", "then": [["tag": ["segment": "closer", "to": "member"]]],
                                "limits": [["per": "program", "period": "day", "max_count": 1]]])])
        let first = try program.portal.post("/v1/events", ["id": "d-1", "type": "deal.closed", "member_id": "ann", "properties": [:]])
        #expect((first.json["rules"] as? [[String: Any]])?.first?["applied"] as? Bool == true, "\(first.text)")
        let second = try program.portal.post("/v1/events", ["id": "d-2", "type": "deal.closed", "member_id": "gus", "properties": [:]])
        #expect((second.json["rules"] as? [[String: Any]])?.first?["applied"] as? Bool == false, "\(second.text)")
    }
}

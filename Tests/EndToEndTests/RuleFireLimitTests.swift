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

    /// Awards of a rule without a limit per member are not indexed by member; once the rule gains
    /// such a limit, the awards it made earlier in the period count against it all the same.
    @Test func aRuleThatGainsAMemberLimitCountsItsAwardsFromBeforeTheLimit() throws {
        let award: [String: Any] = ["name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 10]]]]
        let program = try BadgeTests.Program(badges: [], rules: [("deal", award)])
        func points(_ id: String, member: String = "ann") throws -> Int {
            let response = try program.portal.post("/v1/events", ["id": id, "type": "deal.closed", "member_id": member, "properties": [:]])
            #expect(response.status == 201, "\(response.text)")
            return (response.json["postings"] as? [[String: Any]] ?? []).compactMap { $0["amount"] as? Int }.reduce(0, +)
        }
        #expect(try points("d-1") == 10)
        #expect(try points("d-2") == 10)
        var limited = award
        limited["limits"] = [["per": "member", "period": "day", "max_count": 3], ["per": "member", "period": "day", "max_amount": 40, "currency": "points"]]
        #expect(try program.admin.put("/v1/rules/deal", limited).status == 200)
        #expect(try points("d-3") == 10, "two earlier awards and this one: three")
        #expect(try points("d-4") == 0, "the fourth of the day is over the count limit")
        #expect(try points("g-1", member: "gus") == 10, "another member's awards are their own")
    }
}

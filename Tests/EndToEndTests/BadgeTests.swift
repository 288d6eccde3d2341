import Foundation
import Testing

/// Badges through the real server: a first-deal badge earned once, a repeatable one, a seasonal
/// one, a "5 quizzes passed" criterion and its revocation, and who may see a member's badges.
@Suite("Badges")
struct BadgeTests {
    struct Program: ProgramFixture {
        let running: ProgramServer

        init(badges: [(String, [String: Any])], rules: [(String, [String: Any])] = []) throws {
            let setup = [("/v1/currencies/points", ["name": "Points"] as [String: Any])]
                + badges.map { ("/v1/badges/\($0.0)", $0.1) } + rules.map { ("/v1/rules/\($0.0)", $0.1) }
            running = try ProgramServer(configuration: setup, organizations: ["acme", "globex"], members: ["ann": "acme", "gus": "globex"])
        }

        /// The badge ids the event earned, as its outcome lists them.
        func post(_ id: String, _ type: String, member: String = "ann", at occurredAt: String? = nil) throws -> [String] {
            var body: [String: Any] = ["id": id, "type": type, "member_id": member, "properties": ["amount": 2000]]
            if let occurredAt { body["occurred_at"] = occurredAt }
            let response = try portal.post("/v1/events", body)
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
            return (response.json["badges"] as? [[String: Any]] ?? []).compactMap { $0["badge_id"] as? String }
        }

        func badges(_ member: String = "ann", includeRevoked: Bool = false) throws -> [[String: Any]] {
            let response = try admin.get("/v1/members/\(member)/badges" + (includeRevoked ? "?include_revoked=true" : ""))
            return response.json["badges"] as? [[String: Any]] ?? []
        }
    }

    /// RFC 3339 for `hours` before now: events may be at most 30 days old.
    static func hoursAgo(_ hours: Double) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date().addingTimeInterval(-hours * 3600))
    }

    static func dealRule(_ badge: String) -> [String: Any] {
        ["name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 10]], ["badge": badge]]]
    }

    @Test func aFirstDealBadgeFromARuleIsEarnedOnceEvenAfterTwoDeals() throws {
        let program = try Program(badges: [("first-deal", ["name": "First deal", "repeatable": false])], rules: [("deal", Self.dealRule("first-deal"))])
        let first = try program.portal.post("/v1/events", ["id": "d-1", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 1]])
        let earned = first.json["badges"] as? [[String: Any]] ?? []
        #expect(earned.count == 1)
        #expect(earned.first?["badge_id"] as? String == "first-deal")
        #expect(earned.first?["name"] as? String == "First deal")
        #expect(earned.first?["by"] as? String == "deal")
        #expect(earned.first?["earned_at"] as? String != nil)
        #expect(try program.post("d-2", "deal.closed") == [])
        let held = try program.badges()
        #expect(held.count == 1)
        #expect(held.first?["event_id"] as? String == "d-1")
        #expect(held.first?["by"] as? String == "deal" && held.first?["name"] as? String == "First deal")
    }

    @Test func aRepeatableBadgeIsEarnedTwice() throws {
        // A rule with only a badge effect: it applied because it earned the badge.
        let badgeOnly: [String: Any] = ["name": "Deal", "on": "deal.closed", "then": [["badge": "closer"]]]
        let program = try Program(badges: [("closer", ["name": "Closer", "repeatable": true])], rules: [("deal", badgeOnly)])
        let first = try program.portal.post(
            "/v1/events", ["id": "d-1", "type": "deal.closed", "member_id": "ann", "occurred_at": Self.hoursAgo(2), "properties": [:]])
        #expect((first.json["badges"] as? [[String: Any]])?.compactMap { $0["badge_id"] as? String } == ["closer"])
        #expect((first.json["rules"] as? [[String: Any]])?.first?["applied"] as? Bool == true)
        #expect(try program.post("d-2", "deal.closed", at: Self.hoursAgo(1)) == ["closer"])
        #expect(try program.badges().compactMap { $0["event_id"] as? String } == ["d-2", "d-1"])
    }

    @Test func aSeasonalBadgeIsRefusedAfterValidUntil() throws {
        let program = try Program(
            badges: [("summer", ["name": "Summer", "repeatable": true, "valid_until": Self.hoursAgo(24)])],
            rules: [("deal", Self.dealRule("summer"))])
        #expect(try program.post("d-1", "deal.closed", at: Self.hoursAgo(25)) == ["summer"])
        let late = try program.portal.post(
            "/v1/events", ["id": "d-2", "type": "deal.closed", "member_id": "ann", "occurred_at": Self.hoursAgo(23), "properties": [:]])
        #expect(late.status == 201)
        #expect((late.json["badges"] as? [Any])?.isEmpty == true)
        let notes = ((late.json["rules"] as? [[String: Any]])?.first?["notes"] as? [String]) ?? []
        #expect(notes.contains { $0.contains("$.then[1]") && $0.contains("valid until") })
        #expect(try program.badges().count == 1)
    }

    @Test func fiveQuizzesPassedIsEarnedExactlyOnTheFifthAndReversingItRevokesIt() throws {
        let program = try Program(badges: [("quizzer", ["name": "Quizzer", "criterion": ["event_type": "quiz.passed", "count": 5]])])
        for index in 1...4 { #expect(try program.post("q-\(index)", "quiz.passed") == []) }
        // A dry run of the fifth says it would earn the badge, and earns nothing.
        let tried = try program.portal.post("/v1/events/dry-run", ["id": "q-5", "type": "quiz.passed", "member_id": "ann"])
        #expect((tried.json["would_badge"] as? [[String: Any]])?.compactMap { $0["badge_id"] as? String } == ["quizzer"])
        #expect(try program.badges().isEmpty)
        #expect(try program.post("q-5", "quiz.passed") == ["quizzer"])
        #expect(try program.post("q-6", "quiz.passed") == [])
        let held = try program.badges()
        #expect(held.count == 1 && held.first?["by"] as? String == "criterion" && held.first?["event_id"] as? String == "q-5")

        let reversal = try program.portal.post("/v1/events/q-5/reverse", [:] as [String: Any])
        #expect(reversal.status == 200)
        #expect((reversal.json["revoked_badges"] as? [[String: Any]])?.first?["badge_id"] as? String == "quizzer")
        #expect(try program.badges().isEmpty)
        let all = try program.badges(includeRevoked: true)
        #expect(all.count == 1 && all.first?["revoked_at"] as? String != nil)
        // Five counted quizzes again (q-5 no longer counts): a revoked badge can be earned again.
        #expect(try program.post("q-7", "quiz.passed") == ["quizzer"])
        #expect(try program.badges().first?["event_id"] as? String == "q-7")
    }

    @Test func anAdminRevokesABadgeWithAReasonAndTheMemberMayEarnItAgain() throws {
        let program = try Program(badges: [("first-deal", ["name": "First deal", "repeatable": false])], rules: [("deal", Self.dealRule("first-deal"))])
        #expect(try program.post("d-1", "deal.closed") == ["first-deal"])
        let path = "/v1/members/ann/badges/first-deal/revoke"
        let partner = try program.admin.createKey(["role": "partner", "name": "acme portal", "organization_id": "acme"])
        #expect(try program.server.client(key: partner.secret).post(path, ["reason": "mine"]).status == 403)
        #expect(try program.portal.post(path, ["reason": "not an admin"]).status == 403)
        let unexplained = try program.admin.post(path, [:] as [String: Any])
        #expect(unexplained.status == 400 && unexplained.text.contains("$.reason"), "\(unexplained.text)")
        #expect(try program.admin.post("/v1/members/nobody/badges/first-deal/revoke", ["reason": "x"]).status == 404)
        #expect(try program.admin.post("/v1/members/gus/badges/first-deal/revoke", ["reason": "never earned"]).status == 404)
        #expect(try program.badges().count == 1)

        let revoked = try program.admin.post(path, ["reason": "the deal was booked twice"])
        #expect(revoked.status == 200, "\(revoked.text)")
        let answered = revoked.json["badges"] as? [[String: Any]] ?? []
        #expect(answered.count == 1 && answered.first?["event_id"] as? String == "d-1" && answered.first?["revoked_at"] as? String != nil)
        #expect(try program.badges().isEmpty)
        #expect(try program.badges(includeRevoked: true).first?["revoked_at"] as? String != nil)
        #expect(try program.admin.post(path, ["reason": "again"]).status == 404)
        let audit = try program.admin.get("/v1/audit?action=badge.revoke").items
        #expect(audit.count == 1)
        #expect(((audit.first?["after"] as? [String: Any])?["reason"] as? String) == "the deal was booked twice")
        // No longer held, so the next deal earns it again.
        #expect(try program.post("d-2", "deal.closed") == ["first-deal"])
    }

    @Test func revokingOneInstanceOfARepeatableBadgeKeepsTheOthers() throws {
        let program = try Program(badges: [("closer", ["name": "Closer", "repeatable": true])], rules: [("deal", Self.dealRule("closer"))])
        #expect(try program.post("d-1", "deal.closed", at: Self.hoursAgo(2)) == ["closer"])
        #expect(try program.post("d-2", "deal.closed", at: Self.hoursAgo(1)) == ["closer"])
        let path = "/v1/members/ann/badges/closer/revoke"
        #expect(try program.admin.post(path, ["reason": "x", "event_id": "d-9"]).status == 404)
        let one = try program.admin.post(path, ["reason": "duplicate deal", "event_id": "d-1"])
        #expect((one.json["badges"] as? [[String: Any]])?.compactMap { $0["event_id"] as? String } == ["d-1"])
        #expect(try program.badges().compactMap { $0["event_id"] as? String } == ["d-2"])
        let rest = try program.admin.post(path, ["reason": "all of them"])
        #expect((rest.json["badges"] as? [[String: Any]])?.compactMap { $0["event_id"] as? String } == ["d-2"])
        #expect(try program.badges().isEmpty)
    }

    @Test func reversingAQuizThatACriterionCountedRevokesTheBadgeALaterQuizEarned() throws {
        let program = try Program(badges: [("quizzer", ["name": "Quizzer", "criterion": ["event_type": "quiz.passed", "count": 5]])])
        for index in 1...5 { _ = try program.post("q-\(index)", "quiz.passed", at: Self.hoursAgo(Double(10 - index))) }
        #expect(try program.badges().first?["event_id"] as? String == "q-5")
        let reversal = try program.portal.post("/v1/events/q-2/reverse", [:] as [String: Any])
        #expect(reversal.status == 200)
        let revoked = reversal.json["revoked_badges"] as? [[String: Any]] ?? []
        #expect(revoked.compactMap { $0["badge_id"] as? String } == ["quizzer"] && revoked.first?["event_id"] as? String == "q-5")
        #expect(try program.badges().isEmpty)
        // Reversing a quiz after the badge was earned takes nothing: the count at the badge still holds.
        #expect(try program.post("q-6", "quiz.passed") == ["quizzer"])
        let later = try program.portal.post("/v1/events/q-6/reverse", [:] as [String: Any])
        #expect((later.json["revoked_badges"] as? [[String: Any]])?.compactMap { $0["event_id"] as? String } == ["q-6"])
        #expect(try program.post("q-7", "quiz.passed") == ["quizzer"])
        #expect(try program.portal.post("/v1/events/q-1/reverse", [:] as [String: Any]).json["revoked_badges"] as? [[String: Any]] != nil)
        #expect(try program.badges().isEmpty, "q-1 reversed leaves four counted quizzes")
    }

    @Test func aRepeatableCriterionBadgeKeepsOnlyTheInstancesItsCountStillEarns() throws {
        let program = try Program(badges: [("pair", ["name": "Pair", "repeatable": true, "criterion": ["event_type": "quiz.passed", "count": 2]])])
        for index in 1...4 { _ = try program.post("q-\(index)", "quiz.passed", at: Self.hoursAgo(Double(10 - index))) }
        #expect(try program.badges().compactMap { $0["event_id"] as? String } == ["q-4", "q-2"])
        let reversal = try program.portal.post("/v1/events/q-1/reverse", [:] as [String: Any])
        #expect((reversal.json["revoked_badges"] as? [[String: Any]])?.compactMap { $0["event_id"] as? String } == ["q-4"])
        #expect(try program.badges().compactMap { $0["event_id"] as? String } == ["q-2"])
    }

    @Test func aRuleNamingAnUnknownBadgeIsUnprocessableWithTheEffectsPath() throws {
        let program = try Program(badges: [])
        let response = try program.admin.put("/v1/rules/deal", Self.dealRule("ghost"))
        #expect(response.status == 422)
        let paths = (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths == ["$.then[1].badge"])
    }

    @Test func badgeDefinitionsAreAdminWritesThatEveryKeyReads() throws {
        let program = try Program(badges: [("first-deal", ["name": "First deal"])])
        #expect(try program.portal.put("/v1/badges/other", ["name": "Other"]).status == 403)
        #expect(try program.portal.get("/v1/badges/first-deal").json["name"] as? String == "First deal")
        #expect(try program.portal.get("/v1/badges").items.compactMap { $0["id"] as? String } == ["first-deal"])
        #expect(try program.admin.get("/v1/audit?entity_kind=badge").items.compactMap { $0["action"] as? String } == ["badge.put"])
        #expect(try program.admin.put("/v1/badges/bad", ["name": "Bad", "criterion": ["event_type": "quiz.passed", "count": 0]]).status == 400)
        #expect(try program.admin.delete("/v1/badges/first-deal").status == 204)
        #expect(try program.admin.get("/v1/badges/first-deal").status == 404)
    }

    @Test func aPartnerSeesOnlyItsOwnMembersBadges() throws {
        let program = try Program(badges: [("first-deal", ["name": "First deal"])], rules: [("deal", Self.dealRule("first-deal"))])
        #expect(try program.post("d-1", "deal.closed", member: "gus") == ["first-deal"])
        let acme = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "acme", "organization_id": "acme"]).secret)
        let globex = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "globex", "organization_id": "globex"]).secret)
        #expect(try acme.get("/v1/members/gus/badges").status == 404)
        #expect(try acme.get("/v1/members/nobody/badges").status == 404)
        #expect(try acme.get("/v1/members/ann/badges").status == 200)
        let own = try globex.get("/v1/members/gus/badges")
        #expect(own.status == 200 && (own.json["badges"] as? [Any])?.count == 1)
    }
}

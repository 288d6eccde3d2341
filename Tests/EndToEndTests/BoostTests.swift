import Foundation
import Testing

/// Boosts and the other non-award effects through the real server: a quiz grants +2 % on the next
/// deals, deals use it (bonus visible in the posting and the outcome) until it runs out or expires
/// by event time, reversal gives a use back and revokes a granting event's boost; the quiz's `tag`
/// lands on the organization and its `notify` in the outcome; the profile shows tiers and boosts.
@Suite("Boosts")
struct BoostTests {
    struct Program: ProgramFixture {
        let running: ProgramServer

        static func quizRule(uses: Int = 2, days: Int = 90) -> [String: Any] { [
            "name": "Quiz", "on": "quiz.passed",
            "then": [["award": ["currency": "points", "amount": 100, "to": "member"]],
                     ["boost": ["percent": 2, "on": "deal.closed", "uses": uses, "expires_in_days": days]],
                     ["tag": ["segment": "certified", "to": "member"]],
                     ["notify": ["template": "quiz-passed", "score": 100]]],
        ] }

        init(quiz: [String: Any] = Program.quizRule()) throws {
            let deal: [String: Any] = [
                "name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]]],
            ]
            running = try ProgramServer(
                configuration: [("/v1/currencies/points", ["name": "Points"]), ("/v1/tier-ladders/partners", TierTests.ladder),
                                ("/v1/rules/deal", deal), ("/v1/rules/quiz", quiz)],
                organizations: ["acme", "globex"], members: ["ann": "acme"])
        }

        func post(_ id: String, _ type: String, amount: Int = 0, daysAgo: Double? = nil) throws -> [String: Any] {
            var body: [String: Any] = ["id": id, "type": type, "member_id": "ann", "properties": ["amount": amount]]
            if let daysAgo { body["occurred_at"] = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-daysAgo * 86_400)) }
            let response = try portal.post("/v1/events", body)
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
            return response.json
        }

        func deal(_ id: String, _ amount: Int, daysAgo: Double? = nil) throws -> [String: Any] {
            try post(id, "deal.closed", amount: amount, daysAgo: daysAgo)
        }
    }

    static func posting(_ outcome: [String: Any]) -> [String: Any] { (outcome["postings"] as? [[String: Any]])?.first ?? [:] }
    static func boosts(_ outcome: [String: Any], _ key: String) -> [[String: Any]] {
        (outcome["boosts"] as? [String: Any])?[key] as? [[String: Any]] ?? []
    }

    @Test func aQuizGrantsABoostThatTheNextDealsUseUntilItRunsOut() throws {
        let program = try Program()
        let quiz = try program.post("q-1", "quiz.passed")
        let granted = Self.boosts(quiz, "granted")
        #expect(granted.count == 1)
        let boostID = try #require(granted.first?["id"] as? Int)
        #expect(granted.first?["percent"] as? Int == 2 && granted.first?["uses_remaining"] as? Int == 2 && granted.first?["on"] as? String == "deal.closed")
        #expect(Self.boosts(quiz, "used").isEmpty)
        #expect(Self.posting(quiz)["amount"] as? Int == 100 && Self.posting(quiz)["boosts"] == nil, "a quiz is not a deal")

        let first = try program.deal("d-1", 1_249)
        #expect(Self.posting(first)["amount"] as? Int == 1_273)  // 1 249 + 24 (2 % = 24.98, rounded down)
        #expect(Self.posting(first)["base_amount"] as? Int == 1_249)
        #expect(Self.posting(first)["boost_bonus"] as? Int == 24)
        #expect((Self.posting(first)["boosts"] as? [[String: Any]])?.first?["boost_id"] as? Int == boostID)
        #expect(Self.boosts(first, "used").first?["bonus"] as? Int == 24)
        #expect(Self.boosts(first, "used").first?["uses_remaining"] as? Int == 1)
        let ledger = try program.admin.get("/v1/members/ann/balances").json["balances"] as? [String: Any]
        #expect((ledger?["points"] as? [String: Any])?["available"] as? Int == 100 + 1_273)

        #expect(Self.posting(try program.deal("d-2", 1_000))["amount"] as? Int == 1_020)
        let third = try program.deal("d-3", 1_000)
        #expect(Self.posting(third)["amount"] as? Int == 1_000 && Self.boosts(third, "used").isEmpty, "the boost ran out")

        let all = try program.admin.get("/v1/members/ann/boosts")
        #expect(all.status == 200)
        #expect(all.items.map { $0["uses_remaining"] as? Int } == [0])
        #expect(all.items.first?["status"] as? String == "used_up")
        #expect(try program.admin.get("/v1/members/ann/boosts?active=true").items.isEmpty)
        #expect(try program.admin.get("/v1/members/ann/boosts?active=maybe").status == 400)
    }

    @Test func reversingADealGivesItsUseBackAndReversingTheQuizRevokesTheBoost() throws {
        let program = try Program()
        _ = try program.post("q-1", "quiz.passed")
        _ = try program.deal("d-1", 1_000)
        _ = try program.deal("d-2", 1_000)
        let reversed = try program.admin.post("/v1/events/d-2/reverse", [:])
        #expect(reversed.status == 200)
        let returned = (reversed.json["boosts"] as? [String: Any])?["returned_uses"] as? [[String: Any]] ?? []
        #expect(returned.first?["bonus_reversed"] as? Int == 20)
        #expect(try program.admin.get("/v1/members/ann/boosts?active=true").items.first?["uses_remaining"] as? Int == 1)
        #expect(Self.posting(try program.deal("d-3", 1_000))["amount"] as? Int == 1_020, "the use given back is used again")

        _ = try program.admin.post("/v1/events/d-2/reverse", [:])  // twice: nothing more (d-3 used the returned use)
        #expect(try program.admin.get("/v1/members/ann/boosts").items.first?["uses_remaining"] as? Int == 0)
        let quizReversal = try program.admin.post("/v1/events/q-1/reverse", [:])
        #expect(((quizReversal.json["boosts"] as? [String: Any])?["revoked"] as? [[String: Any]])?.count == 1)
        #expect(try program.admin.get("/v1/members/ann/boosts").items.first?["status"] as? String == "revoked")
        #expect(Self.posting(try program.deal("d-4", 1_000))["amount"] as? Int == 1_000)
        let event = try program.admin.get("/v1/events/q-1").json
        #expect(((event["reversal"] as? [String: Any])?["boosts"] as? [String: Any])?["revoked"] != nil)
    }

    @Test func theBoostAppliesAfterTheGoldMultiplier() throws {
        let program = try Program()
        _ = try program.deal("d-0", 20_000)  // reaches gold (×1.25) from the next event on
        _ = try program.post("q-1", "quiz.passed")
        let deal = try program.deal("d-1", 1_001)
        let posting = Self.posting(deal)
        #expect(posting["base_amount"] as? Int == 1_001)
        #expect(posting["multiplier"] as? Double == 1.25)
        #expect(posting["amount_before_boosts"] as? Int == 1_251)
        #expect(posting["boost_bonus"] as? Int == 25)
        #expect(posting["amount"] as? Int == 1_276)
    }

    @Test func aBoostExpiresByEventTime() throws {
        let program = try Program(quiz: Program.quizRule(uses: 5, days: 1))
        _ = try program.post("q-1", "quiz.passed", daysAgo: 3)
        #expect(Self.posting(try program.deal("d-early", 1_000, daysAgo: 3.5))["amount"] as? Int == 1_000, "before the grant")
        #expect(Self.posting(try program.deal("d-within", 1_000, daysAgo: 2.5))["amount"] as? Int == 1_020)
        #expect(Self.posting(try program.deal("d-late", 1_000))["amount"] as? Int == 1_000, "a day after the grant it has expired")
        let boost = try program.admin.get("/v1/members/ann/boosts").items.first
        #expect(boost?["uses_remaining"] as? Int == 4 && boost?["status"] as? String == "expired" && boost?["active"] as? Bool == false)
    }

    @Test func tagAndNotifyEffectsAreAppliedOnceAndListedInTheOutcome() throws {
        let program = try Program()
        let quiz = try program.post("q-1", "quiz.passed")
        let tags = quiz["tags"] as? [[String: Any]] ?? []
        #expect(tags.count == 1)
        #expect(tags.first?["organization_id"] as? String == "acme" && tags.first?["segment"] as? String == "certified")
        #expect(tags.first?["added"] as? Bool == true)
        #expect(try program.admin.get("/v1/organizations/acme").json["segments"] as? [String] == ["certified"])
        #expect(try program.admin.get("/v1/organizations?segment=certified").items.map { $0["id"] as? String } == ["acme"])
        #expect(try program.admin.get("/v1/audit?action=organization.tag").items.count == 1)
        let notifications = quiz["notifications"] as? [[String: Any]] ?? []
        #expect(notifications.count == 1)
        #expect(notifications.first?["template"] as? String == "quiz-passed" && notifications.first?["member_id"] as? String == "ann")
        #expect((notifications.first?["payload"] as? [String: Any])?["score"] as? Int == 100)
        #expect(notifications.first?["read_at"] is NSNull)

        let again = try program.post("q-2", "quiz.passed")
        #expect((again["tags"] as? [[String: Any]])?.first?["added"] as? Bool == false)
        #expect(try program.admin.get("/v1/organizations/acme").json["segments"] as? [String] == ["certified"])
        #expect(try program.admin.get("/v1/audit?action=organization.tag").items.count == 1)
        _ = try program.admin.post("/v1/events/q-1/reverse", [:])
        #expect(try program.admin.get("/v1/organizations/acme").json["segments"] as? [String] == ["certified"], "reversal keeps segments")
        // A replay answers the same outcome and writes nothing again.
        let replay = try program.portal.post("/v1/events", ["id": "q-2", "type": "quiz.passed", "member_id": "ann", "properties": ["amount": 0]])
        #expect(replay.header("Idempotent-Replayed") == "true")
        #expect((replay.json["notifications"] as? [[String: Any]])?.first?["id"] as? Int == (again["notifications"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(try program.admin.get("/v1/members/ann/boosts").items.count == 2)
    }

    @Test func aDryRunShowsWhatWouldBeUsedAndGrantedWithoutWriting() throws {
        let program = try Program()
        let quiz = try program.portal.post("/v1/events/dry-run", ["id": "q-1", "type": "quiz.passed", "member_id": "ann"])
        #expect(quiz.status == 200)
        let wouldQuiz = quiz.json["would_boost"] as? [String: Any] ?? [:]
        #expect((wouldQuiz["granted"] as? [[String: Any]])?.first?["percent"] as? Int == 2)
        #expect((wouldQuiz["tags"] as? [[String: Any]])?.first?["added"] as? Bool == true)
        #expect((wouldQuiz["notifications"] as? [[String: Any]])?.first?["template"] as? String == "quiz-passed")
        #expect(try program.admin.get("/v1/members/ann/boosts").items.isEmpty)
        #expect(try program.admin.get("/v1/organizations/acme").json["segments"] as? [String] == [])

        _ = try program.post("q-1", "quiz.passed")
        let deal = try program.portal.post("/v1/events/dry-run", ["id": "d-1", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 1_000]])
        let wouldDeal = deal.json["would_boost"] as? [String: Any] ?? [:]
        #expect((wouldDeal["used"] as? [[String: Any]])?.first?["bonus"] as? Int == 20)
        #expect((wouldDeal["boosted_awards"] as? [[String: Any]])?.first?["boost_bonus"] as? Int == 20)
        #expect(try program.admin.get("/v1/members/ann/boosts").items.first?["uses_remaining"] as? Int == 2, "a dry run uses nothing")
    }

    @Test func theProfileShowsTiersWithProgressAndActiveBoostsAndPartnersSeeOnlyTheirOwn() throws {
        let program = try Program()
        _ = try program.deal("d-0", 6_000)
        _ = try program.post("q-1", "quiz.passed")
        let profile = try program.admin.get("/v1/members/ann").json
        let tiers = profile["tiers"] as? [[String: Any]] ?? []
        #expect(tiers.first?["ladder_id"] as? String == "partners" && tiers.first?["level"] as? String == "silver")
        #expect((tiers.first?["next"] as? [String: Any])?["level"] as? String == "gold")
        #expect((profile["boosts"] as? [[String: Any]])?.first?["uses_remaining"] as? Int == 2)

        let own = program.server.client(key: try program.admin.createKey(["role": "partner", "organization_id": "acme"]).secret)
        let other = program.server.client(key: try program.admin.createKey(["role": "partner", "organization_id": "globex"]).secret)
        #expect(try own.get("/v1/members/ann/boosts").items.count == 1)
        #expect(try other.get("/v1/members/ann/boosts").status == 404)
        #expect(try other.get("/v1/members/ann").status == 404)
    }

    @Test func aMinimumTierRefusesRedemptionsBelowItAndTheCatalogSaysWhy() throws {
        let program = try Program()
        let unknownLadder = try program.admin.put("/v1/rewards/trip", [
            "name": "Trip", "kind": "service", "cost": ["currency": "points", "amount": 1_000], "min_tier": ["ladder_id": "nope", "level_id": "gold"]])
        #expect(unknownLadder.status == 422 && RewardTests.paths(unknownLadder) == ["$.min_tier.ladder_id"])
        let unknownLevel = try program.admin.put("/v1/rewards/trip", [
            "name": "Trip", "kind": "service", "cost": ["currency": "points", "amount": 1_000], "min_tier": ["ladder_id": "partners", "level_id": "diamond"]])
        #expect(unknownLevel.status == 422 && RewardTests.paths(unknownLevel) == ["$.min_tier.level_id"])
        #expect(try program.admin.put("/v1/rewards/trip", [
            "name": "Trip", "kind": "service", "cost": ["currency": "points", "amount": 1_000], "min_tier": ["ladder_id": "partners", "level_id": "gold"]]).status == 201)

        _ = try program.deal("d-0", 6_000)  // silver
        let catalog = try program.admin.get("/v1/rewards?member_id=ann").items.first { $0["id"] as? String == "trip" }
        #expect(catalog?["redeemable_now"] as? Bool == false)
        #expect(catalog?["reasons"] as? [String] == ["needs tier gold on partners, member is silver"])
        let refused = try program.admin.post("/v1/redemptions", ["member_id": "ann", "reward_id": "trip"])
        #expect(refused.status == 422)
        #expect(RewardTests.paths(refused) == ["$.member_id"])
        #expect(refused.text.contains("needs tier gold on partners, member is silver"))
        #expect((try program.admin.get("/v1/members/ann/balances").json["balances"] as? [String: Any]).flatMap { ($0["points"] as? [String: Any])?["available"] as? Int } == 6_000)

        _ = try program.deal("d-1", 15_000)  // gold
        #expect(try program.admin.get("/v1/rewards?member_id=ann").items.first { $0["id"] as? String == "trip" }?["redeemable_now"] as? Bool == true)
        #expect(try program.admin.post("/v1/redemptions", ["member_id": "ann", "reward_id": "trip"]).status == 201)
    }
}

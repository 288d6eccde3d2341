import Foundation
import Testing

/// Batches of events through the real server, and dry runs that explain without writing.
@Suite("Event batches and dry runs")
struct EventBatchAndDryRunTests {
    typealias Program = EventTests.Program

    func batch(_ program: Program, _ events: [Any], as client: APIClient? = nil) throws -> (status: Int, results: [[String: Any]]) {
        let response = try (client ?? program.portal).post("/v1/events/batch", ["events": events])
        return (response.status, response.json["results"] as? [[String: Any]] ?? [])
    }

    func errorPaths(_ result: [String: Any]) -> [String] {
        ((result["problem"] as? [String: Any])?["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
    }

    func addDailyQuizBonus(_ program: Program) throws {
        let rule = try program.admin.put("/v1/rules/quiz-twice", [
            "name": "Second quiz of the day", "on": "quiz.passed",
            "when": ["fact": "member.count.quiz.passed.day", "op": "gte", "value": 2],
            "then": [["award": ["currency": "points", "amount": 7]]],
        ])
        #expect(rule.status == 201)
    }

    @Test func eachEventOfABatchIsAnsweredOnItsOwnAndBadOnesUndoNothingOfTheirNeighbours() throws {
        let program = try Program()
        let (status, results) = try batch(program, [
            ["id": "quiz-1", "type": "quiz.passed", "member_id": "ann"],
            ["id": "bad 1", "type": "", "member_id": "ann"],
            ["id": "quiz-2", "type": "quiz.passed", "member_id": "nobody"],
            ["id": "deal-1", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 2500]],
            ["id": "quiz-3", "type": "quiz.passed", "member_id": "ann", "occurred_at": "2020-01-01T00:00:00Z"],
            "not an object",
        ])
        #expect(status == 200)
        #expect(results.map { $0["status"] as? Int } == [201, 400, 422, 201, 422, 400])
        #expect(results.map { $0["index"] as? Int } == [0, 1, 2, 3, 4, 5])
        #expect(results.map { $0["id"] as? String } == ["quiz-1", "bad 1", "quiz-2", "deal-1", "quiz-3", nil])
        #expect(Set(errorPaths(results[1])) == ["$.events[1].id", "$.events[1].type"])
        #expect(errorPaths(results[2]) == ["$.events[2].member_id"])
        #expect(errorPaths(results[4]) == ["$.events[4].occurred_at"])
        #expect(errorPaths(results[5]) == ["$.events[5]"])
        #expect((results[3]["outcome"] as? [String: Any])?["postings"] as? [Any] != nil)
        #expect(try program.available("/v1/members/ann/balances") == 150)
        #expect(try program.available("/v1/organizations/acme/balances", "status_credits") == 50)
        #expect(try program.admin.get("/v1/events").items.compactMap { $0["id"] as? String }.sorted() == ["deal-1", "quiz-1"])
    }

    @Test func anEventRefusedInTheWriterLeavesTheEventsAroundItRecordedAndAwarded() throws {
        let program = try Program()
        #expect(try program.post(["id": "taken", "type": "quiz.passed", "member_id": "ann"]).status == 201)
        let (status, results) = try batch(program, [
            ["id": "before", "type": "quiz.passed", "member_id": "ann"],
            ["id": "taken", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 5000]],
            ["id": "after", "type": "quiz.passed", "member_id": "ann"],
        ])
        #expect(status == 200)
        #expect(results.map { $0["status"] as? Int } == [201, 422, 201])
        #expect(errorPaths(results[1]) == ["$.events[1].id"])
        #expect(try program.available("/v1/members/ann/balances") == 300)
        #expect(try program.admin.get("/v1/events/before").status == 200)
        #expect(try program.admin.get("/v1/events/after").status == 200)
        #expect(try program.admin.get("/v1/events/taken").json["event"].flatMap { ($0 as? [String: Any])?["type"] as? String } == "quiz.passed")
    }

    @Test func laterEventsOfABatchSeeTheCountersOfEarlierOnes() throws {
        let program = try Program()
        try addDailyQuizBonus(program)
        let (_, results) = try batch(program, (1...3).map { ["id": "quiz-\($0)", "type": "quiz.passed", "member_id": "ann"] })
        let bonusApplied = results.map { result in
            (((result["outcome"] as? [String: Any])?["rules"] as? [[String: Any]]) ?? [])
                .first { $0["rule_id"] as? String == "quiz-twice" }?["applied"] as? Bool
        }
        #expect(bonusApplied == [false, true, true])
        #expect(try program.available("/v1/members/ann/balances") == 314)
    }

    @Test func aRepeatedIdInABatchIsAReplayOrAConflict() throws {
        let program = try Program()
        let event: [String: Any] = ["id": "quiz-1", "type": "quiz.passed", "member_id": "ann", "properties": ["score": 9]]
        var changed = event
        changed["properties"] = ["score": 10]
        let (_, results) = try batch(program, [event, event, changed])
        #expect(results.map { $0["status"] as? Int } == [201, 200, 422])
        #expect(errorPaths(results[2]) == ["$.events[2].id"])
        #expect(JSONSerialization.isValidJSONObject(results[0]))
        let first = try JSONSerialization.data(withJSONObject: results[0]["outcome"] ?? [:], options: .sortedKeys)
        let replay = try JSONSerialization.data(withJSONObject: results[1]["outcome"] ?? [:], options: .sortedKeys)
        #expect(first == replay)
        #expect(try program.available("/v1/members/ann/balances") == 100)
    }

    @Test func aBatchHoldsAtMostOneThousandEvents() throws {
        let program = try Program()
        let events = (0..<1_001).map { ["id": "view-\($0)", "type": "page.viewed", "member_id": "ann"] as [String: Any] }
        let tooMany = try program.portal.post("/v1/events/batch", ["events": events])
        #expect(tooMany.status == 413)
        #expect(tooMany.header("Content-Type") == "application/problem+json")
        #expect(try program.admin.get("/v1/events").items.isEmpty)
        let (status, results) = try batch(program, Array(events.prefix(1_000)))
        #expect(status == 200)
        #expect(results.count == 1_000)
        #expect(results.allSatisfy { $0["status"] as? Int == 201 })
    }

    @Test func aBatchBodyOfTheWrongShapeIsRefusedWhole() throws {
        let program = try Program()
        for body in [["events": "x"], ["items": []], ["events": []]] as [[String: Any]] {
            let response = try program.portal.post("/v1/events/batch", body)
            #expect(response.status == 400)
        }
        #expect(try program.portal.post("/v1/events/batch", [1, 2]).status == 400)
    }

    // MARK: - Dry runs

    func rule(_ dryRun: WireResponse, _ id: String) -> [String: Any]? {
        (dryRun.json["rules"] as? [[String: Any]])?.first { $0["rule_id"] as? String == id }
    }

    @Test func aDryRunExplainsEveryConditionWithTheFactsSeenAndWritesNothing() throws {
        let program = try Program()
        let auditBefore = try program.admin.get("/v1/audit?limit=200").items.count
        let small = try program.portal.post("/v1/events/dry-run", ["id": "dry-1", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 800]])
        #expect(small.status == 200)
        #expect((small.json["event"] as? [String: Any])?["organization_id"] as? String == "acme")
        #expect((small.json["would_award"] as? [Any])?.isEmpty == true)
        let deal = try #require(rule(small, "deal"))
        #expect(deal["applies"] as? Bool == false)
        #expect(deal["rule_version"] as? Int == 1)
        let leaf = try #require(deal["conditions"] as? [String: Any])
        #expect(leaf["path"] as? String == "$.when")
        #expect(leaf["kind"] as? String == "leaf")
        #expect(leaf["passed"] as? Bool == false)
        #expect(leaf["fact"] as? String == "event.amount")
        #expect(leaf["seen"] as? Int == 800)
        #expect(leaf["reason"] as? String == "event.amount is 800, needs gte 1000")
        #expect((small.json["rules"] as? [Any])?.count == 1)

        let big = try program.portal.post("/v1/events/dry-run", [
            "id": "dry-1", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 2500], "include_other_types": true,
        ])
        #expect(big.status == 200)
        let awards = (big.json["would_award"] as? [[String: Any]] ?? []).map { "\($0["to"] ?? "") \($0["currency"] ?? "") \($0["amount"] ?? "")" }
        #expect(awards == ["member:ann points 50", "organization:acme status_credits 50", "organization:distri points 5"])
        #expect((rule(big, "deal")?["conditions"] as? [String: Any])?["passed"] as? Bool == true)
        #expect((rule(big, "deal")?["awards"] as? [[String: Any]])?.first?["amount"] as? Int == 50)
        #expect(rule(big, "quiz")?["applies"] as? Bool == false)
        #expect(rule(big, "quiz")?["reason"] as? String == "the rule is on quiz.passed, the event is deal.closed")

        #expect(try program.admin.get("/v1/events/dry-1").status == 404)
        #expect(try program.admin.get("/v1/events").items.isEmpty)
        #expect(try program.available("/v1/members/ann/balances") == 0)
        #expect(try program.available("/v1/organizations/acme/balances", "status_credits") == 0)
        #expect(try program.admin.get("/v1/audit?limit=200").items.count == auditBefore)
    }

    @Test func aDryRunCountsTheTriedEventAsRealProcessingWould() throws {
        let program = try Program()
        try addDailyQuizBonus(program)
        let first = try program.portal.post("/v1/events/dry-run", ["id": "q-1", "type": "quiz.passed", "member_id": "ann"])
        let alone = try #require(rule(first, "quiz-twice")?["conditions"] as? [String: Any])
        #expect(alone["seen"] as? Int == 1)
        #expect(alone["reason"] as? String == "member.count.quiz.passed.day is 1, needs gte 2")
        #expect(try program.post(["id": "q-1", "type": "quiz.passed", "member_id": "ann"]).status == 201)
        let second = try program.portal.post("/v1/events/dry-run", ["id": "q-2", "type": "quiz.passed", "member_id": "ann"])
        #expect((rule(second, "quiz-twice")?["conditions"] as? [String: Any])?["seen"] as? Int == 2)
        #expect(rule(second, "quiz-twice")?["applies"] as? Bool == true)
        #expect(((second.json["would_award"] as? [[String: Any]]) ?? []).compactMap { $0["amount"] as? Int } == [100, 7])
        // The real post agrees with its dry run.
        let real = try program.post(["id": "q-2", "type": "quiz.passed", "member_id": "ann"])
        #expect(((real.json["postings"] as? [[String: Any]]) ?? []).compactMap { $0["amount"] as? Int } == [100, 7])
        // Trying a recorded event says so and awards nothing.
        let again = try program.portal.post("/v1/events/dry-run", ["id": "q-2", "type": "quiz.passed", "member_id": "ann"])
        #expect(again.json["already_recorded"] as? Bool == true)
        #expect((again.json["would_award"] as? [Any])?.isEmpty == true)
    }

    @Test func viewersMayDryRunAndPartnersOnlyForTheirOwnOrganization() throws {
        let program = try Program()
        let viewer = program.server.client(key: try program.admin.createKey(["role": "viewer", "name": "v"]).secret)
        let partner = program.server.client(key: try program.admin.createKey(["role": "partner", "organization_id": "acme", "name": "p"]).secret)
        #expect(try viewer.post("/v1/events/dry-run", ["id": "d-1", "type": "quiz.passed", "member_id": "ann"]).status == 200)
        #expect(try viewer.post("/v1/events", ["id": "d-1", "type": "quiz.passed", "member_id": "ann"]).status == 403)
        let (status, results) = try batch(program, [["id": "d-1", "type": "quiz.passed", "member_id": "ann"]], as: viewer)
        #expect(status == 200)
        #expect(results.first?["status"] as? Int == 403)
        #expect(try partner.post("/v1/events/dry-run", ["id": "d-2", "type": "quiz.passed", "member_id": "ann"]).status == 200)
        let other = try partner.post("/v1/events/dry-run", ["id": "d-3", "type": "quiz.passed", "member_id": "gus"])
        #expect(other.status == 422)
        #expect((other.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.member_id")
        let unknown = try program.portal.post("/v1/events/dry-run", ["id": "d-4", "type": "quiz.passed", "member_id": "nobody"])
        #expect(unknown.status == 422)
        #expect(try program.portal.post("/v1/events/dry-run", ["id": "d-5", "type": "quiz.passed", "member_id": "ann", "include_other_types": "yes"]).status == 400)
        #expect(try program.admin.get("/v1/events").items.isEmpty)
    }
}

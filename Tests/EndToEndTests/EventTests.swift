import Foundation
import Testing

/// A program from the issue: points for training and leads, 2 % of a closed deal to the rep and
/// 50 status credits to the company, a daily cap, a distributor credited for its resellers.
@Suite("Events")
struct EventTests {
    struct Program: ProgramFixture {
        let running: ProgramServer

        init() throws {
            let setup: [(String, [String: Any])] = IssueProgram.currencies + [
                ("/v1/rules/video", ["name": "Video", "on": "video.watched",
                                     "then": [["award": ["currency": "points", "amount": 10]]],
                                     "limits": [["per": "member", "period": "day", "max_count": 2]]]),
                ("/v1/rules/quiz", ["name": "Quiz", "on": "quiz.passed", "then": [["award": ["currency": "points", "amount": 100]]]]),
                ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                                    "when": ["fact": "event.amount", "op": "gte", "value": 1000],
                                    "then": [["award": ["currency": "points", "amount": "floor(event.amount * 0.02)", "to": "member"]],
                                             ["award": ["currency": "status_credits", "amount": 50, "to": "organization"]],
                                             ["award": ["currency": "points", "amount": 5, "to": "parent"]]]]),
            ]
            running = try ProgramServer(
                configuration: setup, organizations: ["distri", "acme", "globex"], parents: ["acme": "distri"],
                members: ["ann": "acme", "gus": "globex"])
        }

        func post(_ body: [String: Any], as client: APIClient? = nil) throws -> WireResponse {
            try (client ?? portal).post("/v1/events", body)
        }

        func available(_ path: String, _ currency: String = "points") throws -> Int? {
            ((try admin.get(path).json["balances"] as? [String: Any])?[currency] as? [String: Any])?["available"] as? Int
        }
    }

    @Test func aClosedDealCreditsTheRepTheCompanyAndItsDistributor() throws {
        let program = try Program()
        let deal = try program.post(["id": "deal-1", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 2500]])
        #expect(deal.status == 201)
        #expect(deal.header("Location") == "/v1/events/deal-1")
        let postings = deal.json["postings"] as? [[String: Any]] ?? []
        #expect(postings.map { "\($0["to"] ?? "") \($0["currency"] ?? "") \($0["amount"] ?? "")" } == [
            "member:ann points 50", "organization:acme status_credits 50", "organization:distri points 5",
        ])
        #expect(postings.allSatisfy { $0["rule_id"] as? String == "deal" && $0["rule_version"] as? Int == 1 })
        #expect(try program.available("/v1/members/ann/balances") == 50)
        #expect(try program.available("/v1/organizations/acme/balances", "status_credits") == 50)
        #expect(try program.available("/v1/organizations/distri/balances") == 5)
        // Every configured currency is listed, zero where nothing was earned.
        #expect(try program.available("/v1/members/ann/balances", "status_credits") == 0)
        // The member's profile shows the same, with its organization.
        let profile = try program.admin.get("/v1/members/ann").json
        #expect(((profile["balances"] as? [String: Any])?["points"] as? [String: Any])?["available"] as? Int == 50)
        #expect((profile["organization"] as? [String: Any])?["id"] as? String == "acme")
        #expect((profile["badges"] as? [Any])?.isEmpty == true)
        #expect((profile["organization_history"] as? [Any])?.count == 1)

        // A small deal fails the condition and says why.
        let small = try program.post(["id": "deal-2", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 800]])
        #expect(small.status == 201)
        #expect((small.json["postings"] as? [Any])?.isEmpty == true)
        let decision = (small.json["rules"] as? [[String: Any]])?.first
        #expect(decision?["applied"] as? Bool == false)
        #expect((decision?["reason"] as? String)?.contains("event.amount is 800") == true)
    }

    /// The writer keeps members, currencies and balances between its transactions: an event must
    /// still see each as the request just before it left it.
    @Test func anEventSeesTheMemberCurrencyAndBalanceItsPredecessorsLeft() throws {
        let program = try Program()
        func quiz(_ id: String) throws -> WireResponse {
            try program.post(["id": id, "type": "quiz.passed", "member_id": "ann", "properties": ["score": 9]])
        }
        #expect(try quiz("q-1").status == 201)
        #expect(try program.admin.get("/v1/events/q-1").json["event"].flatMap { ($0 as? [String: Any])?["organization_id"] as? String } == "acme")

        // The member moves: its next event is the new organization's.
        #expect(try program.admin.member("ann", organization: "globex").status == 200)
        #expect(try quiz("q-2").status == 201)
        #expect(try program.admin.get("/v1/events/q-2").json["event"].flatMap { ($0 as? [String: Any])?["organization_id"] as? String } == "globex")

        // The currency now holds points back for 30 days: the next award is pending.
        #expect(try program.admin.put("/v1/currencies/points", ["name": "Points", "expiry": ["after_days": 365], "pending_days": 30]).status == 200)
        #expect(try quiz("q-3").status == 201)
        let points = (try program.admin.get("/v1/members/ann/balances").json["balances"] as? [String: Any])?["points"] as? [String: Any]
        #expect(points?["available"] as? Int == 200)
        #expect(points?["pending"] as? Int == 100)

        // A debit refused for want of points changes nothing; the next one starts from the same balance.
        #expect(try program.admin.post("/v1/adjustments", ["member_id": "ann", "currency": "points", "amount": -250, "reason": "too much"]).status == 409)
        #expect(try program.admin.post("/v1/adjustments", ["member_id": "ann", "currency": "points", "amount": -150, "reason": "fix"]).status == 201)
        #expect(try program.available("/v1/members/ann/balances") == 50)
        #expect(try quiz("q-4").status == 201)
        #expect(try program.available("/v1/members/ann/balances") == 50, "the new award is pending too")
    }

    @Test func anEventIsRecordedOnceWhateverHappensToItsRetries() throws {
        let program = try Program()
        let body: [String: Any] = ["id": "quiz-1", "type": "quiz.passed", "member_id": "ann", "properties": ["score": 9, "level": "basic"]]
        let first = try program.post(body)
        #expect(first.status == 201)
        let again = try program.post(["properties": ["level": "basic", "score": 9], "member_id": "ann", "type": "quiz.passed", "id": "quiz-1"])
        #expect(again.status == 200)
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(again.text == first.text)
        var changed = body
        changed["properties"] = ["score": 10]
        let conflict = try program.post(changed)
        #expect(conflict.status == 422)
        #expect((conflict.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.id")
        #expect(try program.available("/v1/members/ann/balances") == 100)
        #expect(try program.admin.get("/v1/events/quiz-1").text == first.text)
    }

    @Test func limitsStopAwardsButTheEventsAreStillRecorded() throws {
        let program = try Program()
        for index in 1...3 {
            #expect(try program.post(["id": "video-\(index)", "type": "video.watched", "member_id": "ann"]).status == 201)
        }
        #expect(try program.available("/v1/members/ann/balances") == 20)
        let third = try program.admin.get("/v1/events/video-3").json
        #expect((third["postings"] as? [Any])?.isEmpty == true)
        #expect(((third["rules"] as? [[String: Any]])?.first?["notes"] as? [String])?.first?.hasPrefix("limit reached") == true)
        #expect(try program.admin.get("/v1/events?member_id=ann&type=video.watched").items.count == 3)
    }

    @Test func badEventsAreRefusedWithPathsAndChangeNothing() throws {
        let program = try Program()
        let shape = try program.post(["id": "bad 1", "type": "", "properties": ["amount": 1_000_000_000_001]])
        #expect(shape.status == 400)
        let paths = Set((shape.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths.isSuperset(of: ["$.id", "$.type", "$.properties.amount"]))
        let unknown = try program.post(["id": "e-1", "type": "quiz.passed", "member_id": "nobody"])
        #expect(unknown.status == 422)
        let stale = try program.post(["id": "e-2", "type": "quiz.passed", "member_id": "ann", "occurred_at": "2020-01-01T00:00:00Z"])
        #expect(stale.status == 422)
        #expect((stale.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.occurred_at")
        #expect(try program.admin.get("/v1/events").items.isEmpty)
        #expect(try program.available("/v1/members/ann/balances") == 0)
    }

    @Test func aPartnerReportsAndSeesOnlyItsOwnOrganizationsEvents() throws {
        let program = try Program()
        let acme = program.server.client(key: try program.admin.createKey(["role": "partner", "organization_id": "acme"]).secret)
        #expect(try program.post(["id": "own", "type": "quiz.passed", "member_id": "ann"], as: acme).status == 201)
        #expect(try program.post(["id": "theirs", "type": "quiz.passed", "member_id": "gus"], as: acme).status == 422)
        #expect(try program.post(["id": "gus-quiz", "type": "quiz.passed", "member_id": "gus"]).status == 201)
        #expect(try acme.get("/v1/events/gus-quiz").status == 404)
        #expect(try acme.get("/v1/members/gus/balances").status == 404)
        #expect(try acme.get("/v1/events").items.compactMap { $0["id"] as? String } == ["own"])
        let viewer = program.server.client(key: try program.admin.createKey(["role": "viewer"]).secret)
        #expect(try program.post(["id": "view", "type": "quiz.passed", "member_id": "ann"], as: viewer).status == 403)
    }
}

@Suite("Program time zone")
struct ProgramTimeZoneTests {
    @Test func eventHoursAreReadInTheProgramsTimeZone() throws {
        let server = try LaurelProcess(config: ["program": ["utc_offset_minutes": 60]])
        let admin = server.client()
        #expect(try admin.put("/v1/currencies/points", ["name": "Points"]).status == 201)
        #expect(try admin.put("/v1/rules/late", ["name": "Late shift", "on": "call.logged",
                                                 "when": ["fact": "event.hour", "op": "eq", "value": 0],
                                                 "then": [["award": ["currency": "points", "amount": 7]]]]).status == 201)
        #expect(try admin.organization("acme").status == 201)
        #expect(try admin.member("ann", organization: "acme").status == 201)
        // 23:30 UTC the day before is 00:30 at UTC+1.
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let lastMidnight = calendar.startOfDay(for: now)
        let formatter = ISO8601DateFormatter()
        let lateUTC = formatter.string(from: lastMidnight.addingTimeInterval(-30 * 60))
        let event = try admin.post("/v1/events", ["id": "call-1", "type": "call.logged", "member_id": "ann", "occurred_at": lateUTC])
        #expect(event.status == 201)
        #expect((event.json["postings"] as? [[String: Any]])?.first?["amount"] as? Int == 7)
    }
}

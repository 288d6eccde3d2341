import Foundation
import Testing

/// The scheduler through the real server. Time moves by restarting the server on the same
/// database with `LAUREL_TEST_CLOCK_OFFSET_MS` (a test-only clock offset); due jobs are run with
/// the admin route `POST /v1/jobs/run`, and the timer is slowed to an hour so that only that
/// route runs them (one test checks the timer itself).
@Suite("Scheduler")
struct SchedulerTests {
    static let dayMs: Int64 = 86_400_000
    static var quietTimer: [String: Any] { ["scheduler": ["interval_ms": 3_600_000]] }

    /// The same database served again with the clock `aheadMs` ahead of the wall clock.
    static func restart(_ server: LaurelProcess, aheadMs: Int64, config: [String: Any] = quietTimer) throws -> LaurelProcess {
        server.terminate()
        return try LaurelProcess(
            directory: server.directory, environment: ["LAUREL_TEST_CLOCK_OFFSET_MS": String(aheadMs)], config: config,
            adminKey: server.adminKey)
    }

    /// Runs the due jobs; each run by key (the last run of a key wins).
    static func runJobs(_ admin: APIClient) throws -> [String: [String: Any]] {
        let response = try admin.post("/v1/jobs/run", [String: Any]())
        guard response.status == 200 else { throw RawHTTPError(description: "jobs/run: \(response.status) \(response.text)") }
        var runs: [String: [String: Any]] = [:]
        for run in response.json["runs"] as? [[String: Any]] ?? [] { runs[run["key"] as? String ?? ""] = run }
        return runs
    }

    static func balance(_ client: APIClient, _ member: String = "ann") throws -> [String: Any] {
        let balances = try client.get("/v1/members/\(member)/balances").json["balances"] as? [String: Any]
        return balances?["points"] as? [String: Any] ?? [:]
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    @Test func pendingPointsMatureAndPointsExpireAsTheServersClockPasses() throws {
        var server = try LaurelProcess(config: Self.quietTimer)
        var admin = server.client()
        try admin.configure([
            ("/v1/currencies/points", ["name": "Points", "expiry": ["after_days": 3], "pending_days": 1]),
            ("/v1/rules/video", ["name": "Video", "on": "video.watched", "then": [["award": ["currency": "points", "amount": 10]]]]),
        ])
        #expect(try admin.organization("acme").status == 201 && admin.member("ann", organization: "acme").status == 201)
        #expect(try admin.post("/v1/events", ["id": "v-1", "type": "video.watched", "member_id": "ann"]).status == 201)
        #expect(try Self.balance(admin)["pending"] as? Int == 10)

        let first = try Self.runJobs(admin)
        #expect(Set(first.keys) == ["idempotency.purge", "ledger.expire", "ledger.mature", "messages.expiry_reminders"])
        let jobs = try admin.get("/v1/jobs")
        #expect(jobs.status == 200)
        #expect(jobs.items.compactMap { $0["key"] as? String } == ["idempotency.purge", "ledger.expire", "ledger.mature", "messages.expiry_reminders"])
        #expect(jobs.items.allSatisfy { $0["state"] as? String == "scheduled" && $0["attempts"] as? Int == 0 && $0["last_error"] is NSNull })
        let portal = server.client(key: try admin.createKey(["role": "integration", "name": "portal"]).secret)
        #expect(try portal.get("/v1/jobs").status == 403)
        #expect(try portal.post("/v1/jobs/run", [String: Any]()).status == 403)

        // Two days on: the lot turned available (computed when asked); the maturity job records it.
        server = try Self.restart(server, aheadMs: 2 * Self.dayMs)
        admin = server.client()
        #expect(try Self.balance(admin)["available"] as? Int == 10 && Self.balance(admin)["pending"] as? Int == 0)
        let maturing = try Self.runJobs(admin)
        #expect((maturing["ledger.mature"]?["result"] as? [String: Any])?["matured_lots"] as? Int == 1)
        #expect((maturing["ledger.expire"]?["result"] as? [String: Any])?["expired_lots"] as? Int == 0)

        // Four days on: the lot expired and the expiry job writes it off to program:expired.
        server = try Self.restart(server, aheadMs: 4 * Self.dayMs)
        admin = server.client()
        let expiring = try Self.runJobs(admin)
        #expect((expiring["ledger.expire"]?["result"] as? [String: Any])?["expired_lots"] as? Int == 1)
        #expect(try Self.balance(admin)["available"] as? Int == 0)
        let ledger = try admin.get("/v1/members/ann/ledger").items
        #expect(ledger.contains { $0["kind"] as? String == "expire" && $0["amount"] as? Int == -10 && $0["counterparty"] as? String == "program:expired" })
        #expect(try Self.runJobs(admin).isEmpty, "nothing is due twice")
        let expiryJob = try admin.get("/v1/jobs").items.first { $0["key"] as? String == "ledger.expire" }
        #expect(expiryJob?["runs"] as? Int == 3)
    }

    @Test func idempotencyRecordsArePurgedAfterTheConfiguredRetention() throws {
        let config: [String: Any] = ["scheduler": ["interval_ms": 3_600_000], "idempotency": ["retention_hours": 1]]
        var server = try LaurelProcess(config: config)
        var admin = server.client()
        try admin.configure([("/v1/currencies/points", ["name": "Points"])])
        #expect(try admin.organization("acme").status == 201 && admin.member("ann", organization: "acme").status == 201)
        let body: [String: Any] = ["member_id": "ann", "currency": "points", "amount": 5, "reason": "goodwill"]
        let key = [("Idempotency-Key", "adj-1")]
        #expect(try admin.post("/v1/adjustments", body, headers: key).status == 201)
        #expect(try admin.post("/v1/adjustments", body, headers: key).header("Idempotent-Replayed") == "true")
        #expect((try Self.runJobs(admin)["idempotency.purge"]?["result"] as? [String: Any])?["deleted_records"] as? Int == 0)

        server = try Self.restart(server, aheadMs: 2 * 3_600_000, config: config)
        admin = server.client()
        let purge = try Self.runJobs(admin)["idempotency.purge"]
        #expect((purge?["result"] as? [String: Any])?["deleted_records"] as? Int == 1)
        // The stored answer is gone: the same key now makes a new adjustment.
        let again = try admin.post("/v1/adjustments", body, headers: key)
        #expect(again.status == 201 && again.header("Idempotent-Replayed") == nil)
        #expect(try Self.balance(admin)["available"] as? Int == 10)
    }

    @Test func aHolderShortAtTheReviewIsAtRiskThenDowngradedWhenTheGraceEnds() throws {
        var server = try LaurelProcess(config: Self.quietTimer)
        var admin = server.client()
        let ladder: [String: Any] = [
            "subject": "member", "currency": "points", "window": "rolling_1d",
            "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 100]],
            "downgrade": ["policy": "at_review", "grace_days": 2, "review": "month"],
        ]
        try admin.configure([
            ("/v1/currencies/points", ["name": "Points"]), ("/v1/tier-ladders/partners", ladder),
            ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 150]]]]),
            ("/v1/message-templates/tier_down_warning", ["title": "Keep {{tier}}", "body": "Requalify by {{keep_until}} or move to {{qualified_tier}}"]),
        ])
        let downgrade = try admin.get("/v1/tier-ladders/partners").json["downgrade"] as? [String: Any]
        #expect(downgrade?["review"] as? String == "month" && downgrade?["grace_days"] as? Int == 2)
        #expect(try admin.organization("acme").status == 201 && admin.member("ann", organization: "acme").status == 201)
        // Two days back, so that the one-day window the review measures never holds it.
        let occurred = Self.rfc3339(Date().addingTimeInterval(-2 * 86_400))
        let deal = try admin.post("/v1/events", ["id": "d-1", "type": "deal.closed", "member_id": "ann", "occurred_at": occurred])
        #expect((deal.json["tier_changes"] as? [[String: Any]])?.first?["to"] as? String == "silver")
        _ = try Self.runJobs(admin)
        let tier = try #require((try admin.get("/v1/members/ann/tier").json["tiers"] as? [[String: Any]])?.first)
        #expect(tier["level"] as? String == "silver")
        #expect((tier["keep"] as? [String: Any])?["met"] as? Bool == false)
        let reviewText = try #require(tier["next_review_at"] as? String)
        let review = try #require(ISO8601DateFormatter.withFractions.date(from: reviewText))
        let job = try admin.get("/v1/jobs").items.first { $0["key"] as? String == "tier.review:partners" }
        #expect(job?["due_at"] as? String == reviewText)

        // An hour after the review: at risk for two days, still silver.
        server = try Self.restart(server, aheadMs: Int64((review.timeIntervalSinceNow + 3_600) * 1_000))
        admin = server.client()
        let reviewed = try Self.runJobs(admin)["tier.review:partners"]
        #expect((reviewed?["result"] as? [String: Any])?["at_risk"] as? Int == 1)
        let atRisk = try #require((try admin.get("/v1/members/ann/tier").json["tiers"] as? [[String: Any]])?.first)
        #expect(atRisk["level"] as? String == "silver")
        #expect(atRisk["at_risk_until"] as? String == Self.rfc3339(review.addingTimeInterval(2 * 86_400)))
        let warning = try admin.get("/v1/members/ann/notifications").items.first { $0["kind"] as? String == "tier_down_warning" }
        let payload = warning?["payload"] as? [String: Any]
        #expect(payload?["title"] as? String == "Keep silver")
        #expect((payload?["body"] as? String)?.hasSuffix("or move to bronze") == true, "\(payload ?? [:])")

        // Three days after the review: the grace is over and ann moves down.
        server = try Self.restart(server, aheadMs: Int64((review.timeIntervalSinceNow + 3 * 86_400) * 1_000))
        admin = server.client()
        let settled = try Self.runJobs(admin)["tier.review:partners"]
        #expect((settled?["result"] as? [String: Any])?["downgraded"] as? Int == 1)
        let after = try #require((try admin.get("/v1/members/ann/tier").json["tiers"] as? [[String: Any]])?.first)
        #expect(after["level"] as? String == "bronze")
        #expect(after["at_risk_until"] is NSNull)
        let changes = after["changes"] as? [[String: Any]] ?? []
        #expect(changes.count == 1 && changes.first?["from"] as? String == "silver" && changes.first?["to"] as? String == "bronze")
        #expect(changes.first?["since"] as? String == Self.rfc3339(review.addingTimeInterval(2 * 86_400)))
    }

    @Test func anOrganizationReachesALevelOnlyWhenEveryCriterionHolds() throws {
        let server = try LaurelProcess(config: Self.quietTimer)
        let admin = server.client()
        let ladder: [String: Any] = [
            "subject": "organization", "currency": "status_credits", "window": "lifetime",
            "levels": [["id": "registered", "threshold": 0],
                       ["id": "gold", "criteria": [["currency": "status_credits", "min": 50], ["members_with_badge": "certified", "min": 2],
                                                   ["attribute": "supplier_score", "min": 80]]]],
        ]
        try admin.configure([
            ("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false]),
            ("/v1/badges/certified", ["name": "Certified"]),
            ("/v1/tier-ladders/partners", ladder),
            ("/v1/rules/quiz", ["name": "Quiz", "on": "quiz.passed", "then": [["badge": "certified"]]]),
            ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                                "then": [["award": ["currency": "status_credits", "amount": 50, "to": "organization"]]]]),
        ])
        #expect(try admin.put("/v1/organizations/acme", ["name": "Acme", "kind": "partner", "attributes": ["supplier_score": 91]]).status == 201)
        #expect(try admin.member("ann", organization: "acme").status == 201 && admin.member("bob", organization: "acme").status == 201)

        let first = try admin.post("/v1/events", ["id": "d-1", "type": "deal.closed", "member_id": "ann"])
        #expect((first.json["tier_changes"] as? [[String: Any]] ?? []).isEmpty)
        let standing = try #require((try admin.get("/v1/organizations/acme/tier").json["tiers"] as? [[String: Any]])?.first)
        let next = try #require(standing["next"] as? [String: Any])
        #expect(next["level"] as? String == "gold")
        let needed = (next["criteria"] as? [[String: Any]] ?? []).map { $0["needed"] as? Int }
        #expect(needed == [0, 2, 0])

        #expect(try admin.post("/v1/events", ["id": "q-1", "type": "quiz.passed", "member_id": "ann"]).status == 201)
        // The second certification reaches gold at once, though the quiz awards the company nothing.
        let second = try admin.post("/v1/events", ["id": "q-2", "type": "quiz.passed", "member_id": "bob"])
        let change = (second.json["tier_changes"] as? [[String: Any]])?.first
        #expect(change?["holder"] as? String == "organization:acme" && change?["to"] as? String == "gold")
        let gold = try #require((try admin.get("/v1/organizations/acme/tier").json["tiers"] as? [[String: Any]])?.first)
        #expect(gold["level"] as? String == "gold" && gold["next"] is NSNull)
        #expect((gold["keep"] as? [String: Any])?["met"] as? Bool == true)
        #expect(((gold["keep"] as? [String: Any])?["criteria"] as? [[String: Any]])?.count == 3)
    }

    @Test func badCriteriaAreRefusedWithThePathOfEachProblem() throws {
        let server = try LaurelProcess(config: Self.quietTimer)
        let admin = server.client()
        try admin.configure([("/v1/currencies/points", ["name": "Points"])])
        let memberLadder: [String: Any] = [
            "subject": "member", "currency": "points", "window": "lifetime",
            "levels": [["id": "a", "threshold": 0], ["id": "b", "criteria": [["members_with_badge": "certified", "min": 1]]]],
        ]
        let refused = try admin.put("/v1/tier-ladders/t", memberLadder)
        #expect(refused.status == 400)
        let paths = (refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths == ["$.levels[1].criteria[0].members_with_badge"])
        let unknown: [String: Any] = [
            "subject": "organization", "currency": "points", "window": "lifetime",
            "levels": [["id": "a", "threshold": 0], ["id": "b", "criteria": [["currency": "credits", "min": 1], ["members_with_badge": "nope", "min": 1]]]],
        ]
        let unprocessable = try admin.put("/v1/tier-ladders/t", unknown)
        #expect(unprocessable.status == 422)
        #expect((unprocessable.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
                == ["$.levels[1].criteria[0].currency", "$.levels[1].criteria[1].members_with_badge"])
        #expect(try admin.get("/v1/tier-ladders/t").status == 404)
    }

    @Test func theTimerRunsDueJobsWithoutBeingAsked() throws {
        let server = try LaurelProcess(config: ["scheduler": ["interval_ms": 50]])
        let admin = server.client()
        let expected = ["idempotency.purge", "ledger.expire", "ledger.mature", "messages.expiry_reminders"]
        let deadline = Date().addingTimeInterval(10)
        var keys: [String] = []
        while Date() < deadline {
            keys = try admin.get("/v1/jobs").items.filter { ($0["runs"] as? Int ?? 0) >= 1 }.compactMap { $0["key"] as? String }
            // Waits for every job: it stopped at three of the four, and failed when the fourth was late.
            if keys == expected { break }
            usleep(50_000)
        }
        #expect(keys == expected)
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}

import Foundation
import Testing

/// Period snapshots through the real server: when a month ends, every supplier's scorecard and
/// standing are kept as they were, once; trends and past standings read them, a dispute decided
/// later does not rewrite them, and a supplier sees only its own.
@Suite("Scorecard periods")
struct ScorecardPeriodTests {
    /// This month's name and the milliseconds from now to an hour into the next month (UTC, the
    /// program's default zone).
    static func thisMonthAndOffsetToNext() -> (period: String, offsetMs: Int) {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let now = Date()
        let parts = utc.dateComponents([.year, .month], from: now)
        let next = utc.date(byAdding: .month, value: 1, to: utc.date(from: parts)!)!
        return (String(format: "%04d-%02d", parts.year!, parts.month!), Int((next.timeIntervalSince(now) + 3600) * 1000))
    }

    /// Polls until the period's ranking is kept (the refresher takes it at its next tick).
    static func keptRanking(_ client: APIClient, period: String) throws -> WireResponse {
        let deadline = Date().addingTimeInterval(10)
        while true {
            let response = try client.get("/v1/scorecards?template_id=legal&period=\(period)")
            if response.status != 404 || Date() > deadline { return response }
            usleep(100_000)
        }
    }

    @Test func aClosedMonthIsKeptOnceAndShownAsTrendAndPastStanding() throws {
        let program = try InteractionTests.Program()
        #expect(try program.record("a-1", supplier: "alpha", hoursLate: -2, service: 5, quality: 5).status == 201)
        #expect(try program.record("a-2", supplier: "alpha", hoursLate: 0, service: 4, quality: 5).status == 201)
        #expect(try program.record("b-1", supplier: "beta", hoursLate: 30, service: 2, quality: 3).status == 201)
        let alphaNow = try program.admin.get("/v1/organizations/alpha/scorecard").json
        let (month, offsetMs) = Self.thisMonthAndOffsetToNext()
        #expect(try program.admin.get("/v1/scorecards?template_id=legal&period=\(month)").status == 404, "the month has not ended")

        #expect(program.server.terminate() == 0)
        let nextMonth = try LaurelProcess(
            directory: program.server.directory, environment: ["LAUREL_TEST_CLOCK_OFFSET_MS": String(offsetMs)], adminKey: program.server.adminKey)
        let admin = nextMonth.client()
        let kept = try Self.keptRanking(admin, period: month)
        #expect(kept.status == 200 && kept.json["period"] as? String == month)
        #expect(kept.items.compactMap { ($0["supplier"] as? [String: Any])?["id"] as? String } == ["alpha", "beta"])
        #expect(kept.items.first?["overall"] as? Double == alphaNow["overall"] as? Double, "no prior: the overall score does not decay")
        #expect(kept.items.last?["band"] as? String != nil && kept.items.allSatisfy { $0["lower_bound"] is Double })

        let card = try admin.get("/v1/organizations/alpha/scorecard").json
        let trend = card["trend"] as? [[String: Any]] ?? []
        #expect(trend.count == 1 && trend.first?["period"] as? String == month && trend.first?["overall"] as? Double == alphaNow["overall"] as? Double)
        #expect((trend.first?["standing"] as? [String: Any])?["rank"] as? Int == 1)
        #expect(((trend.first?["kpis"] as? [String: Any])?["time"] as? [String: Any])?["score"] as? Double == 100)

        let beta = nextMonth.client(key: try admin.createKey(["role": "partner", "name": "beta", "organization_id": "beta"]).secret)
        let past = try beta.get("/v1/organizations/beta/scorecard?period=\(month)")
        #expect(past.status == 200 && past.json["period"] as? String == month && past.json["interactions"] as? Int == 1)
        #expect((past.json["standing"] as? [String: Any])?["rank"] as? Int == 2 && (past.json["standing"] as? [String: Any])?["peers"] as? Int == 2)
        #expect(!past.text.contains("alpha"), "a supplier's past standing names no other supplier")
        #expect(try beta.get("/v1/organizations/alpha/scorecard?period=\(month)").status == 404)
        #expect(try beta.get("/v1/scorecards?template_id=legal&period=\(month)").status == 403)
        #expect(try admin.get("/v1/scorecards?template_id=legal&period=2026-13").status == 400)
        #expect(try admin.get("/v1/organizations/beta/scorecard?period=1999-01").status == 404, "never kept")

        // A dispute decided after the month closed changes today's scorecard, not the month's.
        let disputeID = try #require(try beta.post("/v1/disputes", ["interaction_id": "b-1", "reason": "the due date was moved"]).json["id"] as? String)
        #expect(try admin.post("/v1/disputes/\(disputeID)/resolve", ["decision": "void"]).status == 200)
        #expect(try admin.get("/v1/scorecards?template_id=legal").items.count == 1, "beta has nothing left to score")
        let again = try admin.get("/v1/scorecards?template_id=legal&period=\(month)")
        #expect(again.text == kept.text, "kept once, as it was")
        #expect(nextMonth.terminate() == 0)
    }
}

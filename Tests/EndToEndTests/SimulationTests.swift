import Foundation
import Testing

/// `POST /v1/simulations` through the real server: the issue's program, real events, then a changed
/// rule and a new one replayed over them.
@Suite("Simulations")
struct SimulationTests {
    struct World: ProgramFixture {
        let running: ProgramServer
        /// Midnight UTC three days ago: every event of the test is on that day or the next.
        let day: Date

        init() throws {
            running = try ProgramServer(
                configuration: IssueProgram.configuration, organizations: ["acme", "globex"],
                members: ["ann": "acme", "bob": "acme", "gus": "globex"])
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            day = calendar.startOfDay(for: Date()).addingTimeInterval(-3 * 86_400)
        }

        /// `hours` after `day`, as RFC 3339.
        func at(_ hours: Double) -> String {
            ISO8601DateFormatter().string(from: day.addingTimeInterval(hours * 3_600))
        }

        func post(_ id: String, _ type: String, _ member: String, hours: Double, properties: [String: Any] = [:]) throws {
            let response = try portal.post("/v1/events", [
                "id": id, "type": type, "member_id": member, "occurred_at": at(hours), "properties": properties,
            ] as [String: Any])
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
        }

        /// Ann watches three videos (posted out of order), passes a quiz and closes a deal; bob and gus
        /// watch one each; gus's deal is cancelled.
        func postHistory() throws {
            try post("v5", "video.watched", "ann", hours: 15)
            try post("v1", "video.watched", "ann", hours: 10)
            try post("v2", "video.watched", "ann", hours: 11)
            try post("v3", "video.watched", "bob", hours: 12)
            try post("q1", "quiz.passed", "ann", hours: 13)
            try post("d1", "deal.closed", "ann", hours: 14, properties: ["amount": 2500])
            try post("v4", "video.watched", "gus", hours: 34)
            try post("d2", "deal.closed", "gus", hours: 35, properties: ["amount": 5000])
            guard try admin.post("/v1/events/d2/reverse", [String: Any]()).status == 200 else { throw RawHTTPError(description: "reverse") }
        }

        func simulate(_ body: [String: Any], as client: APIClient? = nil) throws -> WireResponse {
            try (client ?? admin).post("/v1/simulations", body)
        }
    }

    /// The video rule doubled, and a new 5-point bonus for the second video of a day, once a day.
    static var candidates: [[String: Any]] { [
        ["id": "video", "name": "Video watched, doubled", "on": "video.watched", "then": [["award": ["currency": "points", "amount": 20]]]],
        ["id": "second-video", "name": "Second video of the day", "on": "video.watched",
         "when": ["fact": "member.count.video.watched.day", "op": "gte", "value": 2],
         "then": [["award": ["currency": "points", "amount": 5]]],
         "limits": [["per": "member", "period": "day", "max_count": 1]]],
    ] }

    func simulation(_ world: World) -> [String: Any] {
        ["mode": "add", "from": world.at(0), "to": world.at(48), "rules": Self.candidates]
    }

    /// `rule currency actual simulated delta` (or with member_id / organization_id), one per row.
    func rows(_ value: Any?) -> [String] {
        (value as? [[String: Any]] ?? []).map { row in
            let head = ["rule_id", "member_id", "organization_id", "currency"].compactMap { row[$0] as? String }
            let figures = ["actual", "simulated", "delta"].map { "\(row[$0] as? Int ?? -999_999)" }
            return (head + figures).joined(separator: " ")
        }
    }

    func rule(_ report: [String: Any], _ id: String) -> [String: Any] {
        (report["rules"] as? [[String: Any]] ?? []).first { $0["rule_id"] as? String == id } ?? [:]
    }

    func sampleIDs(_ rule: [String: Any], _ kind: String) -> [String] {
        ((rule["samples"] as? [String: Any])?[kind] as? [[String: Any]] ?? []).compactMap { $0["event_id"] as? String }
    }

    @Test func aDoubledRuleAndANewOneAreReplayedOverStoredEventsBesideWhatWasAwarded() throws {
        let world = try World()
        try world.postHistory()
        let response = try world.simulate(simulation(world))
        #expect(response.status == 200, "\(response.text)")
        let report = response.json
        #expect(report["events"] as? [String: Int] == ["replayed": 7, "reversed_excluded": 1])

        let video = rule(report, "video")
        #expect(video["source"] as? String == "candidate")
        #expect(video["replaces_live_version"] as? Int == 1)
        #expect(video["fires"] as? Int == 5)
        #expect(video["amounts"] as? [String: Int] == ["points": 100])
        #expect(video["actual_amounts"] as? [String: Int] == ["points": 50])

        // Counters stop at each event: ann's first video saw a count of 1, her second 2 (fires),
        // her third 3 (stopped by the simulated once-a-day limit).
        let second = rule(report, "second-video")
        #expect(second["evaluated"] as? Int == 5)
        #expect(second["applied"] as? Int == 2)
        #expect(second["fires"] as? Int == 1)
        #expect(second["limit_blocked"] as? Int == 1)
        #expect(second["amounts"] as? [String: Int] == ["points": 5])
        #expect(sampleIDs(second, "fired") == ["v2"])
        #expect(sampleIDs(second, "not_fired") == ["v1", "v3", "v5"])
        let explained = ((second["samples"] as? [String: Any])?["fired"] as? [[String: Any]])?.first?["explain"] as? [String: Any]
        #expect((explained?["conditions"] as? [String: Any])?["seen"] as? Int == 2)

        let deal = rule(report, "deal")
        #expect(deal["source"] as? String == "live")
        #expect(deal["fires"] as? Int == 1)
        #expect(deal["amounts"] as? [String: Int] == ["points": 50, "status_credits": 50])

        #expect(rows(report["totals"]) == ["points 200 255 55", "status_credits 50 50 0"])
        #expect(rows(report["difference_by_rule"]) == [
            "deal points 50 50 0", "deal status_credits 50 50 0", "quiz points 100 100 0", "second-video points 0 5 5",
            "video points 50 100 50",
        ])
        #expect(rows(report["members_most_affected"]) == ["ann points 180 215 35", "bob points 10 20 10", "gus points 10 20 10"])
        #expect(rows(report["organizations_most_affected"]) == [])
        #expect((report["notes"] as? [String])?.contains { $0.hasPrefix("Reversed events are excluded") } == true)
    }

    @Test func aSimulationChangesNothing() throws {
        let world = try World()
        try world.postHistory()
        let paths = ["/v1/members/ann/balances", "/v1/members/gus/balances", "/v1/organizations/acme/balances", "/v1/members/ann/ledger",
                     "/v1/organizations/acme/ledger", "/v1/events?limit=50", "/v1/rules", "/v1/rules/video/versions", "/v1/audit"]
        let before = try paths.map { try world.admin.get($0).text }
        #expect(try world.simulate(simulation(world)).status == 200)
        #expect(try world.simulate(["mode": "replace", "from": world.at(0), "to": world.at(48), "rules": Self.candidates]).status == 200)
        #expect(try paths.map { try world.admin.get($0).text } == before)
        // The candidate `video` did not go live: a new video still earns the live 10 points.
        try world.post("v6", "video.watched", "ann", hours: 16)
        let postings = try world.admin.get("/v1/events/v6").json["postings"] as? [[String: Any]] ?? []
        #expect(postings.map { $0["amount"] as? Int } == [10])
    }

    @Test func badCandidatesAreRefusedWithThePathOfEachProblem() throws {
        let world = try World()
        let refused = try world.simulate([
            "mode": "add", "from": world.at(0), "to": world.at(48),
            "rules": [Self.candidates[0], ["id": "bad", "name": "Bad", "on": "deal.closed",
                                          "when": ["all": [["fact": "event.amount", "op": "bogus", "value": 1]]],
                                          "then": [["award": ["currency": "points", "amount": 1]]]]],
        ])
        #expect(refused.status == 400)
        let paths = (refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths == ["$.rules[1].when.all[0].op"])
        let unknownCurrency = try world.simulate([
            "mode": "replace", "from": world.at(0), "to": world.at(48),
            "rules": [["id": "gold", "name": "Gold", "on": "video.watched", "then": [["award": ["currency": "gold", "amount": 1]]]]],
        ])
        #expect(unknownCurrency.status == 422)
        #expect((unknownCurrency.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.rules[0].then[0].award.currency")
        let tooLong = try world.simulate(["mode": "add", "from": "2020-01-01T00:00:00Z", "to": world.at(0), "rules": [Any]()])
        #expect(tooLong.status == 422)
        #expect((tooLong.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.to")
    }

    @Test func onlyAdminKeysMaySimulate() throws {
        let world = try World()
        let viewer = world.server.client(key: try world.admin.createKey(["role": "viewer", "name": "viewer"]).secret)
        #expect(try world.simulate(simulation(world), as: world.portal).status == 403)
        #expect(try world.simulate(simulation(world), as: viewer).status == 403)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import HTTP
import Testing
import Engine
@testable import API

/// The simulator over the in-memory store: a small program, events posted through the API, then
/// replays read on one snapshot. The harness clock stands at 2026-11-23T14:05:09Z.
struct SimulatorTests {
    /// Points, a 10-point video rule, Acme with ann and bob.
    func program() throws -> APIHarness {
        let api = try APIHarness()
        let setup: [(String, String)] = [
            ("/v1/currencies/points", #"{"name": "Points"}"#),
            ("/v1/rules/video", #"{"name": "Video", "on": "video.watched", "then": [{"award": {"currency": "points", "amount": 10}}]}"#),
            ("/v1/members/ann", #"{"organization_id": "acme", "role": "sales", "name": "Ann"}"#),
            ("/v1/members/bob", #"{"organization_id": "acme", "role": "sales", "name": "Bob"}"#),
        ]
        for (path, body) in setup {
            let response = api.send("PUT", path, key: api.adminSecret, body: body)
            guard response.status == 201 else { throw SetupError(path: path, status: response.status) }
        }
        return api
    }

    struct SetupError: Error {
        let path: String
        let status: Int
    }

    func post(_ api: APIHarness, _ id: String, _ type: String, _ member: String, at time: String, properties: String = "{}") throws {
        let body = #"{"id": "\#(id)", "type": "\#(type)", "member_id": "\#(member)", "occurred_at": "\#(time)", "properties": \#(properties)}"#
        let response = api.send("POST", "/v1/events", key: api.adminSecret, body: body)
        guard response.status == 201 else { throw SetupError(path: id, status: response.status) }
    }

    func simulate(_ api: APIHarness, _ body: String, limits: SimulationLimits = .standard) throws -> JSONObject {
        let request = try SimulationRequest.parse(try JSONParser.parse(Array(body.utf8)), limits: limits)
        return try api.store.read { store in
            try Simulator.run(request, live: try RuleBook().live(in: store), limits: limits, in: store).objectValue!
        }
    }

    func rule(_ report: JSONObject, _ id: String) -> JSONObject? {
        report["rules"]?.arrayValue?.compactMap(\.objectValue).first { $0["rule_id"] == .string(id) }
    }

    func int(_ object: JSONObject?, _ key: String) -> Int64? { object?[key]?.intValue }

    // Counters

    @Test func countersCountOnlyStoredEventsAtOrBeforeTheReplayedOne() throws {
        let api = try program()
        for (id, hour, amount) in [("d1", "09", 100), ("d2", "11", 20), ("d3", "15", 3)] {
            try post(api, id, "deal.closed", "ann", at: "2026-11-20T\(hour):00:00Z", properties: #"{"amount": \#(amount)}"#)
        }
        try post(api, "d0", "deal.closed", "ann", at: "2026-11-19T09:00:00Z", properties: #"{"amount": 1}"#)
        let at = RFC3339.parse("2026-11-20T11:00:00Z")!
        let before = RFC3339.parse("2026-11-20T08:59:59Z")!
        let seen = try api.store.read { store -> [Int64] in
            let counters = CountersAtEventTime(events: store, through: at, timeZone: .utc)
            let early = CountersAtEventTime(events: store, through: before, timeZone: .utc)
            // The unbounded counters see the whole day: what the simulation must not do.
            let stored = EventCounters(events: store, timeZone: .utc)
            return [
                Int64(try counters.count(.member, id: "ann", eventType: "deal.closed", period: .day, at: at)),
                try counters.sum(.member, id: "ann", eventType: "deal.closed", property: "amount", period: .day, at: at),
                try counters.sum(.member, id: "ann", eventType: "deal.closed", property: "amount", period: .all, at: at),
                Int64(try counters.streak(.member, id: "ann", eventType: "deal.closed", unit: .day, at: at)),
                Int64(try early.count(.member, id: "ann", eventType: "deal.closed", period: .day, at: before)),
                Int64(try early.streak(.member, id: "ann", eventType: "deal.closed", unit: .day, at: before)),
                Int64(try stored.count(.member, id: "ann", eventType: "deal.closed", period: .day, at: at)),
            ]
        }
        #expect(seen == [2, 120, 121, 2, 0, 0, 3])
    }

    @Test func aCounterRuleFiresOnTheEventThatReachedTheCountNotOnEarlierOnes() throws {
        let api = try program()
        for (id, hour) in [("v1", "09"), ("v2", "10"), ("v3", "11")] { try post(api, id, "video.watched", "ann", at: "2026-11-20T\(hour):00:00Z") }
        let report = try simulate(api, #"""
            {"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "samples": 1, "rules": [
              {"id": "third", "name": "Third video", "on": "video.watched",
               "when": {"fact": "member.count.video.watched.day", "op": "gte", "value": 3},
               "then": [{"award": {"currency": "points", "amount": 7}}]}]}
            """#)
        let third = rule(report, "third")
        #expect(int(third, "fires") == 1)
        #expect(third?["amounts"]?.objectValue?["points"] == 7)
        let fired = third?["samples"]?.objectValue?["fired"]?.arrayValue?.first?.objectValue
        #expect(fired?["event_id"] == "v3")
        #expect(fired?["explain"]?.objectValue?["conditions"]?.objectValue?["seen"] == 3)
        #expect(third?["samples"]?.objectValue?["not_fired"]?.arrayValue?.first?.objectValue?["event_id"] == "v1")
    }

    // Limits

    @Test func limitsCountWhatTheSimulationAwardsNotTheStoredAwards() throws {
        let api = try program()
        for (id, hour) in [("v1", "09"), ("v2", "10"), ("v3", "11")] { try post(api, id, "video.watched", "ann", at: "2026-11-20T\(hour):00:00Z") }
        // Three stored awards of `video` that day: were they counted, the capped candidate would never fire.
        let report = try simulate(api, #"""
            {"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": [
              {"id": "video", "name": "Video", "on": "video.watched", "then": [{"award": {"currency": "points", "amount": 10}}],
               "limits": [{"per": "member", "period": "day", "max_count": 2}]}]}
            """#)
        let video = rule(report, "video")
        #expect(int(video, "applied") == 3)
        #expect(int(video, "fires") == 2)
        #expect(int(video, "limit_blocked") == 1)
        #expect(video?["amounts"]?.objectValue?["points"] == 20)
        #expect(video?["actual_amounts"]?.objectValue?["points"] == 30)
        #expect(video?["source"] == "candidate")
        #expect(video?["replaces_live_version"] == 1)
        #expect(video?["rule_version"] == 2)
    }

    @Test func anAmountLimitCountsSimulatedAmounts() throws {
        let api = try program()
        for (id, hour) in [("v1", "09"), ("v2", "10"), ("v3", "11")] { try post(api, id, "video.watched", "ann", at: "2026-11-20T\(hour):00:00Z") }
        let report = try simulate(api, #"""
            {"mode": "replace", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": [
              {"id": "video", "name": "Video", "on": "video.watched", "then": [{"award": {"currency": "points", "amount": 10}}],
               "limits": [{"per": "program", "period": "day", "max_amount": 25, "currency": "points"}]}]}
            """#)
        let video = rule(report, "video")
        #expect(video?["amounts"]?.objectValue?["points"] == 25)
        #expect(int(video, "amount_limited") == 1)  // 10, 10, then the 5 the day has left
    }

    @Test func limitsAlsoCountStoredAwardsOfTheSameRuleBeforeTheRange() throws {
        let api = try program()
        try post(api, "v0", "video.watched", "ann", at: "2026-11-19T09:00:00Z")
        try post(api, "v1", "video.watched", "ann", at: "2026-11-20T09:00:00Z")
        try post(api, "v2", "video.watched", "bob", at: "2026-11-20T10:00:00Z")
        let report = try simulate(api, #"""
            {"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": [
              {"id": "video", "name": "Video once", "on": "video.watched", "then": [{"award": {"currency": "points", "amount": 10}}],
               "limits": [{"per": "member", "period": "all", "max_count": 1}]}]}
            """#)
        let video = rule(report, "video")
        #expect(int(video, "fires") == 1)  // bob; ann had hers on the 19th
        #expect(int(video, "limit_blocked") == 1)
        let members = report["members_most_affected"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(members.map { $0["member_id"] } == ["ann"])
        #expect(members.first?["delta"] == -10)
    }

    // Modes and the difference from what was awarded

    @Test func addKeepsTheLiveRulesAndReplaceRunsOnlyTheCandidates() throws {
        let api = try program()
        try post(api, "v1", "video.watched", "ann", at: "2026-11-20T09:00:00Z")
        let candidate = #"{"id": "bonus", "name": "Bonus", "on": "video.watched", "then": [{"award": {"currency": "points", "amount": 3}}]}"#
        let range = #""from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z""#
        let added = try simulate(api, #"{"mode": "add", \#(range), "rules": [\#(candidate)]}"#)
        #expect(added["rules"]?.arrayValue?.compactMap { $0.objectValue?["rule_id"]?.stringValue } == ["bonus", "video"])
        #expect(added["totals"] == [["currency": "points", "actual": 10, "simulated": 13, "delta": 3]])
        let replaced = try simulate(api, #"{"mode": "replace", \#(range), "rules": [\#(candidate)]}"#)
        #expect(replaced["rules"]?.arrayValue?.compactMap { $0.objectValue?["rule_id"]?.stringValue } == ["bonus"])
        #expect(replaced["totals"] == [["currency": "points", "actual": 10, "simulated": 3, "delta": -7]])
        #expect(replaced["difference_by_rule"] == [
            ["rule_id": "bonus", "currency": "points", "actual": 0, "simulated": 3, "delta": 3],
            ["rule_id": "video", "currency": "points", "actual": 10, "simulated": 0, "delta": -10],
        ])
    }

    @Test func theDifferenceComparesWithWhatWasBookedPerMemberAndReversedEventsAreLeftOut() throws {
        let api = try program()
        try post(api, "v1", "video.watched", "ann", at: "2026-11-20T09:00:00Z")
        try post(api, "v2", "video.watched", "ann", at: "2026-11-20T10:00:00Z")
        try post(api, "v3", "video.watched", "bob", at: "2026-11-20T11:00:00Z")
        try post(api, "v4", "video.watched", "bob", at: "2026-11-20T12:00:00Z")
        #expect(api.send("POST", "/v1/events/v4/reverse", key: api.adminSecret, body: "{}").status == 200)
        let report = try simulate(api, #"""
            {"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "top": 1, "rules": [
              {"id": "video", "name": "Video", "on": "video.watched", "then": [{"award": {"currency": "points", "amount": 25}}]}]}
            """#)
        #expect(report["events"] == ["replayed": 3, "reversed_excluded": 1])
        #expect(report["totals"] == [["currency": "points", "actual": 30, "simulated": 75, "delta": 45]])
        #expect(report["members_most_affected"] == [["member_id": "ann", "currency": "points", "actual": 20, "simulated": 50, "delta": 30]])
        #expect(report["organizations_most_affected"] == [])
    }

    @Test func filtersNarrowTheReplayToOneTypeOrOrganization() throws {
        let api = try program()
        try post(api, "v1", "video.watched", "ann", at: "2026-11-20T09:00:00Z")
        try post(api, "q1", "quiz.passed", "ann", at: "2026-11-20T10:00:00Z")
        let range = #""from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z""#
        let byType = try simulate(api, #"{"mode": "add", \#(range), "rules": [], "event_type": "quiz.passed"}"#)
        #expect(byType["events"]?.objectValue?["replayed"] == 1)
        let otherOrganization = try simulate(api, #"{"mode": "add", \#(range), "rules": [], "organization_id": "globex"}"#)
        #expect(otherOrganization["events"]?.objectValue?["replayed"] == 0)
    }

    @Test func tierMultipliersAreTheHoldersCurrentLevel() throws {
        let api = try program()
        let ladder = #"""
            {"subject": "member", "currency": "points", "window": "lifetime",
             "levels": [{"id": "bronze", "threshold": 0}, {"id": "gold", "threshold": 20, "benefits": {"multiplier": 2}}]}
            """#
        #expect(api.send("PUT", "/v1/tier-ladders/club", key: api.adminSecret, body: ladder).status == 201)
        for (id, hour) in [("v1", "09"), ("v2", "10"), ("v3", "11")] { try post(api, id, "video.watched", "ann", at: "2026-11-20T\(hour):00:00Z") }
        // Booked: 10, 10 (now gold), then 20. Simulated at today's gold: 20 each.
        let report = try simulate(api, #"{"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": []}"#)
        #expect(report["totals"] == [["currency": "points", "actual": 40, "simulated": 60, "delta": 20]])
    }

    // Bounds and validation

    @Test func aRangeHoldingMoreEventsThanTheLimitIsRefusedAtTheLimitItRuns() throws {
        let api = try program()
        for (id, hour) in [("v1", "09"), ("v2", "10"), ("v3", "11")] { try post(api, id, "video.watched", "ann", at: "2026-11-20T\(hour):00:00Z") }
        var limits = SimulationLimits()
        limits.eventsMax = 3
        limits.eventsPerPage = 2  // pages continue after the cursor
        let body = #"{"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": []}"#
        #expect(try simulate(api, body, limits: limits)["events"]?.objectValue?["replayed"] == 3)
        limits.eventsMax = 2
        #expect(throws: DomainError.unprocessable([ValidationError(
            path: "$.to", message: "the range holds more than 2 events; narrow it or filter by event_type or organization_id")])) {
            try simulate(api, body, limits: limits)
        }
    }

    @Test func everyProblemOfTheRequestAndItsCandidatesIsReportedWithItsPath() throws {
        let body = #"""
            {"mode": "sideways", "from": "2026-11-21T00:00:00Z", "to": "2026-11-20T00:00:00Z", "top": 0, "extra": 1, "rules": [
              {"id": "ok", "name": "Fine", "on": "video.watched", "then": [{"award": {"currency": "points", "amount": 1}}]},
              {"id": "bad", "name": "Bad", "on": "deal.closed", "when": {"all": [{"fact": "event.amount", "op": "bogus", "value": 1}]},
               "then": [{"award": {"currency": "points", "amount": 1}}]},
              {"name": "No id", "on": "x", "then": []},
              {"id": "ok", "name": "Twin", "on": "video.watched", "then": [{"award": {"currency": "points", "amount": 1}}]}]}
            """#
        do {
            _ = try SimulationRequest.parse(try JSONParser.parse(Array(body.utf8)))
            Issue.record("accepted")
        } catch DomainError.invalid(let problems) {
            #expect(Set(problems.map(\.path)) == [
                "$.mode", "$.to", "$.top", "$.extra", "$.rules[1].when.all[0].op", "$.rules[2].id", "$.rules[3].id",
            ])
        }
    }

    @Test func aRangeLongerThanTheLimitIsUnprocessable() throws {
        let body = #"{"mode": "add", "from": "2025-01-01T00:00:00Z", "to": "2026-01-03T00:00:00Z", "rules": []}"#
        #expect(throws: DomainError.self) { try SimulationRequest.parse(try JSONParser.parse(Array(body.utf8))) }
        let atLimit = #"{"mode": "add", "from": "2025-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "rules": []}"#
        #expect(try SimulationRequest.parse(try JSONParser.parse(Array(atLimit.utf8))).mode == .add)
    }

    @Test func aCandidateNamingAnUnknownCurrencyIsUnprocessableWithItsPath() throws {
        let api = try program()
        let body = #"""
            {"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": [
              {"id": "gold", "name": "Gold", "on": "video.watched", "then": [{"award": {"currency": "gold", "amount": 1}}]}]}
            """#
        #expect(throws: DomainError.unprocessable([ValidationError(path: "$.rules[0].then[0].award.currency", message: "no such currency: gold")])) {
            try simulate(api, body)
        }
    }

    @Test func onlyAdminKeysMaySimulate() throws {
        let api = try program()
        let body = #"{"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": []}"#
        #expect(api.send("POST", "/v1/simulations", key: api.viewerSecret, body: body).status == 403)
        #expect(api.send("POST", "/v1/simulations", key: api.partnerSecret, body: body).status == 403)
        #expect(api.send("POST", "/v1/simulations", key: api.adminSecret, body: body).status == 200)
    }
}

/// A simulation may read for seconds: it must not hold the thread (the event loop) that received it.
struct SimulationQueueTests {
    @Test func aSimulationIsAnsweredFromItsOwnQueueWhileOtherRequestsAreServed() throws {
        let harness = try APIHarness()
        let caller = pthread_self()
        let release = DispatchSemaphore(value: 0)
        // Reads on any thread but this one (the simulation's) wait until released.
        harness.store.readGate.withLock { $0 = { if pthread_equal(pthread_self(), caller) == 0 { _ = release.wait(timeout: .now() + 10) } } }
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(harness.adminSecret)")
        headers.add("Content-Type", "application/json")
        let body = #"{"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": []}"#
        let answer = AnswerBox()
        harness.api.respond(
            to: HTTPRequest(method: "POST", target: "/v1/simulations", headers: headers, body: Array(body.utf8)),
            reply: HTTPReply { answer.set($0) })
        #expect(answer.response == nil, "the handler returned before the simulation read anything")
        #expect(harness.send("GET", "/v1/currencies", key: harness.adminSecret).status == 200, "other requests are served meanwhile")
        release.signal()
        #expect(answer.wait(seconds: 10)?.status == 200)
    }
}

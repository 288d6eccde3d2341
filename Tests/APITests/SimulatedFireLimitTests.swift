import Testing
import Engine
@testable import API

/// Count limits of rules without awards in a simulation: simulated fires count, and so do the
/// stored fires of the same rule before the simulated range.
struct SimulatedFireLimitTests {
    let simulator = SimulatorTests()

    @Test func aTagOnlyCandidateStopsAtItsCountLimit() throws {
        let api = try simulator.program()
        for (id, hour) in [("v1", "09"), ("v2", "10"), ("v3", "11")] {
            try simulator.post(api, id, "video.watched", "ann", at: "2026-11-20T\(hour):00:00Z")
        }
        let report = try simulator.simulate(api, #"""
            {"mode": "add", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": [
              {"id": "watcher", "name": "Watcher", "on": "video.watched", "then": [{"tag": {"segment": "watcher", "to": "member"}}],
               "limits": [{"per": "member", "period": "day", "max_count": 2}]}]}
            """#)
        let watcher = simulator.rule(report, "watcher")
        #expect(simulator.int(watcher, "fires") == 2)
        #expect(simulator.int(watcher, "limit_blocked") == 1)
    }

    @Test func aStoredFireWithoutAnAwardBeforeTheRangeCountsForTheLimit() throws {
        let api = try simulator.program()
        let live = #"""
            {"name": "Watcher", "on": "video.watched", "then": [{"tag": {"segment": "watcher", "to": "member"}}],
             "limits": [{"per": "member", "period": "all", "max_count": 1}]}
            """#
        #expect(api.send("PUT", "/v1/rules/watcher", key: api.adminSecret, body: live).status == 201)
        try simulator.post(api, "v0", "video.watched", "ann", at: "2026-11-19T09:00:00Z")
        try simulator.post(api, "v1", "video.watched", "ann", at: "2026-11-20T09:00:00Z")
        try simulator.post(api, "v2", "video.watched", "bob", at: "2026-11-20T10:00:00Z")
        let report = try simulator.simulate(api, #"""
            {"mode": "replace", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z", "rules": [{"id": "watcher",
              "name": "Watcher", "on": "video.watched", "then": [{"tag": {"segment": "watcher", "to": "member"}}],
              "limits": [{"per": "member", "period": "all", "max_count": 1}]}]}
            """#)
        let watcher = simulator.rule(report, "watcher")
        #expect(simulator.int(watcher, "fires") == 1)  // bob; ann's fire on the 19th counts
        #expect(simulator.int(watcher, "limit_blocked") == 1)
    }
}

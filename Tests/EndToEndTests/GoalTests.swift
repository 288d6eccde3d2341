import Foundation
import Testing

/// Goals through the real server: levels rewarded once per period (and not again after a
/// restart), progress with the next level, per-subject targets, organization goals, validation.
@Suite("Goals")
struct GoalTests {
    struct Program: ProgramFixture {
        let running: ProgramServer

        init(goals: [(String, [String: Any])]) throws {
            running = try ProgramServer(
                configuration: [("/v1/currencies/points", ["name": "Points"]), ("/v1/badges/goal-star", ["name": "Goal star"])]
                    + goals.map { ("/v1/goals/\($0.0)", $0.1) },
                organizations: ["acme", "globex"], members: ["ann": "acme", "bob": "acme"])
        }

        func sale(_ id: String, _ member: String, _ amount: Int, client: APIClient? = nil) throws {
            let response = try (client ?? portal).post("/v1/events", ["id": id, "type": "sale", "member_id": member, "properties": ["amount": amount]])
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
        }

        func progress(_ member: String, client: APIClient? = nil) throws -> [String: Any] {
            let goals = try (client ?? admin).get("/v1/members/\(member)/goals").json["goals"] as? [[String: Any]]
            return goals?.first ?? [:]
        }

        /// Waits (at most 10 s) until the member's first goal shows these levels reached.
        func waitForReached(_ member: String, _ levels: [String], client: APIClient? = nil) throws -> [String: Any] {
            let deadline = Date().addingTimeInterval(10)
            while true {
                let current = try progress(member, client: client)
                let reached = (current["levels"] as? [[String: Any]] ?? []).filter { $0["reached"] as? Bool == true }.compactMap { $0["id"] as? String }
                if reached == levels || Date() > deadline { return current }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    static var weeklySales: [String: Any] {
        ["name": "Weekly sales", "subject": "member", "period": "week", "metric": ["event_type": "sale", "sum": "amount"],
         "levels": [["id": "l1", "target": 100, "award": ["currency": "points", "amount": 10]],
                    ["id": "l2", "target": 500, "badge": "goal-star"],
                    ["id": "elite", "target": 2000, "award": ["currency": "points", "amount": 1000]]]]
    }

    static func points(_ client: APIClient, _ member: String) throws -> Int? {
        let balances = try client.get("/v1/members/\(member)/balances").json["balances"] as? [String: Any]
        return (balances?["points"] as? [String: Any])?["available"] as? Int
    }

    @Test func eachLevelIsRewardedOncePerPeriodAndTheNextOneIsShown() throws {
        let program = try Program(goals: [("weekly", Self.weeklySales)])
        #expect(try program.admin.put("/v1/message-templates/goal_level", ["title": "{{goal_name}}: {{level}} reached", "body": "{{total}}"]).status == 201)
        try program.sale("s-1", "ann", 150)
        var progress = try program.waitForReached("ann", ["l1"])
        let message = try program.admin.get("/v1/members/ann/notifications").items.first { $0["kind"] as? String == "goal_level" }
        #expect((message?["payload"] as? [String: Any])?["title"] as? String == "Weekly sales: l1 reached", "written with the level")
        #expect(progress["total"] as? Int == 150)
        #expect(try Self.points(program.admin, "ann") == 10)
        try program.sale("s-2", "ann", 400)
        progress = try program.waitForReached("ann", ["l1", "l2"])
        let next = progress["next_level"] as? [String: Any]
        #expect(next?["level_id"] as? String == "elite" && next?["target"] as? Int == 2000 && next?["remaining"] as? Int == 1450)
        #expect(try program.admin.get("/v1/members/ann/badges").json["badges"].map { ($0 as? [Any])?.count } == 1)
        try program.sale("s-3", "ann", 10)
        Thread.sleep(forTimeInterval: 0.6)
        #expect(try Self.points(program.admin, "ann") == 10, "l1 is not rewarded again in the same week")
        let feed = try program.admin.get("/v1/feed").items.filter { $0["kind"] as? String == "goal_level_reached" }
        #expect(feed.compactMap { ($0["goal"] as? [String: Any])?["level_id"] as? String } == ["l2", "l1"])
        #expect((try program.progress("bob"))["total"] as? Int == 0)

        #expect(program.server.terminate() == 0)
        let restarted = try LaurelProcess(directory: program.server.directory, adminKey: program.server.adminKey)
        Thread.sleep(forTimeInterval: 1)
        #expect(try Self.points(restarted.client(), "ann") == 10, "a restart rewards nothing again")
        #expect(try restarted.client().get("/v1/members/ann/badges").json["badges"].map { ($0 as? [Any])?.count } == 1)
    }

    @Test func levelsCanBePercentagesOfEachMembersOwnTarget() throws {
        var goal = Self.weeklySales
        goal["target_attribute"] = "quota"
        goal["levels"] = [["id": "half", "percent": 50], ["id": "full", "percent": 100]]
        let program = try Program(goals: [("quota", goal)])
        _ = try program.admin.put("/v1/members/ann", ["organization_id": "acme", "role": "sales", "attributes": ["quota": 1000]])
        try program.sale("s-1", "ann", 600)
        try program.sale("s-2", "bob", 600)
        let ann = try program.waitForReached("ann", ["half"])
        #expect((ann["levels"] as? [[String: Any]])?.compactMap { $0["target"] as? Int } == [500, 1000])
        #expect((ann["next_level"] as? [String: Any])?["remaining"] as? Int == 400)
        let bob = try program.progress("bob")
        #expect(bob["target_set"] as? Bool == false && bob["next_level"] is NSNull, "bob has no quota")
    }

    @Test func organizationGoalsAreSeenByTheirOwnPartnerOnly() throws {
        let orgGoal: [String: Any] = ["name": "Team deals", "subject": "organization", "period": "month",
                                      "metric": ["event_type": "sale"], "levels": [["id": "three", "target": 3]]]
        let program = try Program(goals: [("team", orgGoal)])
        for index in 1...3 { try program.sale("s-\(index)", index == 2 ? "bob" : "ann", 5) }
        let acme = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "a", "organization_id": "acme"]).secret)
        let globex = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "g", "organization_id": "globex"]).secret)
        let deadline = Date().addingTimeInterval(10)
        var goals: [[String: Any]] = []
        repeat {
            goals = try acme.get("/v1/organizations/acme/goals").json["goals"] as? [[String: Any]] ?? []
            if (goals.first?["levels"] as? [[String: Any]])?.first?["reached"] as? Bool == true { break }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        #expect(goals.first?["total"] as? Int == 3)
        #expect((goals.first?["levels"] as? [[String: Any]])?.first?["reached"] as? Bool == true)
        #expect(try globex.get("/v1/organizations/acme/goals").status == 404)
        #expect(try globex.get("/v1/members/ann/goals").status == 404, "another organization's member is not found")
        #expect(try program.admin.get("/v1/members/ann/goals").json["goals"].map { ($0 as? [Any])?.count } == 0, "no member goals")
    }

    @Test func goalsAreValidatedWithThePathOfEachProblem() throws {
        let program = try Program(goals: [])
        let bad = try program.admin.put("/v1/goals/bad", [
            "name": "x", "subject": "member", "period": "rolling_7d", "metric": ["event_type": "sale"],
            "levels": [["id": "a", "target": 10], ["id": "a", "target": 5]],
        ])
        let paths = Set((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths.isSuperset(of: ["$.period", "$.levels[1].id", "$.levels[1].target"]), "\(paths)")
        let orgBadge = try program.admin.put("/v1/goals/bad", [
            "name": "x", "subject": "organization", "period": "week", "metric": ["currency": "gems"],
            "levels": [["id": "a", "target": 10, "badge": "goal-star"]],
        ])
        #expect(orgBadge.status == 422 && orgBadge.text.contains("$.metric.currency") && orgBadge.text.contains("$.levels[0].badge"))
        #expect(bad.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(try program.admin.get("/v1/goals/bad").status == 404, "nothing was written")
        #expect(try program.admin.put("/v1/goals/weekly", Self.weeklySales).status == 201)
        let inUse = try program.admin.delete("/v1/badges/goal-star")
        #expect(inUse.status == 409 && inUse.text.contains("goals/weekly"))
        #expect(try program.portal.put("/v1/goals/mine", Self.weeklySales).status == 403)
        #expect(try program.admin.get("/v1/leaderboards/goal%2Fweekly").status == 404, "a goal's totals are not a leaderboard")
        #expect(try program.admin.delete("/v1/goals/weekly").status == 204)
    }
}

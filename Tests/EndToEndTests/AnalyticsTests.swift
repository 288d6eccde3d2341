import Foundation
import Testing

/// Program analytics through the real server, against what the test itself did.
@Suite("Analytics")
struct AnalyticsTests {
    @Test func theSummaryCountsParticipationPointsTiersBadgesQuestsAndRules() throws {
        let running = try ProgramServer(
            configuration: [
                ("/v1/currencies/points", ["name": "Points"]), ("/v1/badges/closer", ["name": "Closer"]),
                ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 100]], ["badge": "closer"]]]),
                ("/v1/rules/video", ["name": "Video", "on": "video.watched", "then": [["award": ["currency": "points", "amount": 10]]]]),
                ("/v1/tier-ladders/status", ["subject": "member", "currency": "points", "window": "lifetime",
                                             "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 150]]]),
                ("/v1/quests/onboarding", ["name": "Onboarding", "ordered": true,
                                           "steps": [["id": "watch", "match": ["type": "video.watched"]], ["id": "deal", "match": ["type": "deal.closed"]]]]),
                ("/v1/rewards/mug", ["name": "Mug", "kind": "merchandise", "cost": ["currency": "points", "amount": 50]]),
            ],
            organizations: ["acme", "globex"], members: ["ann": "acme", "bob": "acme", "cal": "globex"])
        let portal = running.portal
        for (id, type, member) in [("v-1", "video.watched", "ann"), ("d-1", "deal.closed", "ann"), ("d-2", "deal.closed", "ann"),
                                   ("d-3", "deal.closed", "bob")] {
            #expect(try portal.post("/v1/events", ["id": id, "type": type, "member_id": member]).status == 201)
        }
        #expect(try running.admin.post("/v1/events/d-3/reverse", [:]).status == 200)
        #expect(try running.admin.post("/v1/redemptions", ["id": "r-1", "member_id": "ann", "reward_id": "mug"]).status == 201)
        #expect(try running.admin.post("/v1/redemptions/r-1/fulfill", [:]).status == 200)

        let summary = try running.admin.get("/v1/analytics/summary")
        #expect(summary.status == 200)
        let members = summary.json["members"] as? [String: Any]
        #expect(members?["active"] as? Int == 1 && members?["total"] as? Int == 3, "bob's only event was reversed")
        #expect(members?["participation_rate"] as? Double == 33.3)
        let points = (summary.json["points"] as? [String: Any])?["points"] as? [String: Any]
        #expect(points?["issued"] as? Int == 210 && points?["redeemed"] as? Int == 50 && points?["outstanding"] as? Int == 160)
        let topRules = summary.json["top_rules"] as? [[String: Any]]
        #expect(topRules?.map { $0["rule_id"] as? String } == ["deal", "video"] && topRules?.first?["amount"] as? Int == 200)
        let badges = summary.json["badges_awarded"] as? [[String: Any]]
        #expect(badges?.first?["badge_id"] as? String == "closer" && badges?.first?["count"] as? Int == 1, "bob's badge went with the reversal")
        let funnel = (summary.json["quest_funnels"] as? [[String: Any]])?.first
        #expect(funnel?["enrolled"] as? Int == 1 && funnel?["completed"] as? Int == 1)
        #expect((funnel?["steps"] as? [[String: Any]])?.map { $0["done"] as? Int } == [1, 1])
        let levels = ((summary.json["tiers"] as? [[String: Any]])?.first?["levels"] as? [[String: Any]]) ?? []
        #expect(levels.map { $0["members"] as? Int } == [2, 1] && levels.last?["reached_in_range"] as? Int == 1)

        let series = try running.admin.get("/v1/analytics/timeseries?metric=points_issued&currency=points&interval=week")
        #expect(series.status == 200)
        let values = (series.json["points"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? Int }
        #expect(values.reduce(0, +) == 210 && values.count >= 5, "30 days of ISO weeks, the reversal netted out")
        let events = try running.admin.get("/v1/analytics/timeseries?metric=events&interval=day")
        #expect((events.json["points"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? Int }.reduce(0, +) == 3)
        #expect(try running.admin.get("/v1/analytics/timeseries?metric=points_issued").status == 400, "points need a currency")
        #expect(try running.admin.get("/v1/analytics/timeseries").status == 400)
        #expect(try running.admin.get("/v1/analytics/timeseries?metric=events&from=2000-01-01T00:00:00Z").status == 400, "too many days")

        let partner = running.server.client(key: try running.admin.createKey(["role": "partner", "name": "a", "organization_id": "acme"]).secret)
        #expect(try partner.get("/v1/analytics/summary").status == 403)
        let empty = try running.admin.get("/v1/analytics/summary?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z")
        #expect((empty.json["members"] as? [String: Any])?["active"] as? Int == 0)
        #expect(try running.admin.get("/v1/analytics/summary?from=2020-02-01T00:00:00Z&to=2020-01-01T00:00:00Z").status == 400)
    }
}

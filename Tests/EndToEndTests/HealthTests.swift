import Foundation
import Testing

/// Feedback and account health through the real server: feedback by stakeholder role, idempotent
/// and validated; health with NPS by role, engagement and risk reasons; accounts to act on listed
/// by band; partner keys see their own account only.
@Suite("Account health")
struct HealthTests {
    @Test func feedbackByRoleAndEngagementMakeTheAccountsHealth() throws {
        let running = try ProgramServer(
            configuration: [("/v1/currencies/points", ["name": "Points"])], organizations: ["lawfirm", "other"],
            members: ["ceo": "lawfirm", "clerk": "lawfirm", "partner": "lawfirm", "x": "other"], config: ["health": ["decision_maker_weight": 4]])
        let admin = running.admin
        func feedback(_ id: String, _ kind: String, _ member: String, _ role: String, _ score: Int, interaction: String? = nil) throws -> WireResponse {
            var body: [String: Any] = ["id": id, "kind": kind, "organization_id": "lawfirm", "member_id": member, "role": role, "score": score]
            if let interaction { body["interaction_id"] = interaction }
            return try running.portal.post("/v1/feedback", body)
        }
        #expect(try feedback("f-1", "nps", "ceo", "decision_maker", 3).status == 201)
        #expect(try feedback("f-2", "nps", "partner", "influencer", 10).status == 201)
        #expect(try feedback("f-3", "csat", "clerk", "user", 5).status == 201)
        let replay = try feedback("f-3", "csat", "clerk", "user", 5)
        #expect(replay.status == 200 && replay.header("Idempotent-Replayed") == "true")
        #expect(try feedback("f-3", "csat", "clerk", "user", 1).status == 422)
        let range = try feedback("f-4", "csat", "clerk", "user", 9)
        #expect(range.status == 400 && (range.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.score")
        let outside = try feedback("f-5", "nps", "x", "user", 9)
        #expect(outside.status == 422 && (outside.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.member_id")
        #expect(try feedback("f-6", "ces", "clerk", "user", 2, interaction: "nope").status == 422)
        #expect(try running.portal.post("/v1/events", ["id": "e-1", "type": "login", "member_id": "clerk"]).status == 201)

        let health = try admin.get("/v1/organizations/lawfirm/health")
        #expect(health.status == 200)
        let nps = health.json["nps"] as? [String: Any]
        let byRole = nps?["by_role"] as? [String: [String: Any]]
        #expect(byRole?["decision_maker"]?["nps"] as? Double == -100 && byRole?["influencer"]?["nps"] as? Double == 100)
        // Weights from the config: decision maker 4, influencer 2: (−400 + 200) / 6 = −33.3.
        #expect(nps?["weighted_by_role"] as? Double == -33.3 && nps?["overall"] as? Double == 0)
        let engagement = health.json["engagement"] as? [String: Any]
        #expect(engagement?["active_members_30d"] as? Int == 1 && engagement?["members"] as? Int == 3 && engagement?["events_30d"] as? Int == 1)
        let reasons = (health.json["renewal_risk"] as? [String: Any])?["reasons"] as? [String] ?? []
        #expect(reasons.contains("detractor among decision makers (1)"))
        let band = try #require(health.json["band"] as? String)
        let listed = try admin.get("/v1/organizations?health_band=\(band)").items.compactMap { $0["id"] as? String }
        #expect(listed.contains("lawfirm"))
        #expect(try admin.get("/v1/organizations?health_band=sunny").status == 400)

        let other = running.server.client(key: try admin.createKey(["role": "partner", "name": "o", "organization_id": "other"]).secret)
        #expect(try other.get("/v1/organizations/lawfirm/health").status == 404)
        #expect(try other.get("/v1/feedback").items.isEmpty)
        #expect(try admin.get("/v1/feedback?organization_id=lawfirm").items.count == 3)
    }
}

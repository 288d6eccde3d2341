import Foundation
import Testing

/// Deleting a currency or a badge that live configuration or outstanding points still depend on
/// is refused with 409 problem+json listing every dependant, and writes nothing; through the real
/// server.
@Suite("Deleting what is still in use")
struct ConfigurationReferenceTests {
    static func references(_ response: WireResponse) -> [String] {
        (response.json["errors"] as? [[String: Any]] ?? []).compactMap { error in
            guard let path = error["path"] as? String, let message = error["message"] as? String else { return nil }
            return "\(path): \(message)"
        }
    }

    static func pointsBalance(_ admin: APIClient, _ member: String) throws -> [String: Any]? {
        (try admin.get("/v1/members/\(member)/balances").json["balances"] as? [String: Any])?["points"] as? [String: Any]
    }

    @Test func aCurrencyStaysWhileRulesRewardsLaddersOrHoldersUseItAndGoesOnceTheyAreGone() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        try admin.configure(IssueProgram.configuration + [
            ("/v1/rewards/mug", ["name": "Mug", "kind": "merchandise", "cost": ["currency": "points", "amount": 100]]),
            ("/v1/tier-ladders/reps", ["subject": "member", "currency": "points", "window": "lifetime",
                                       "levels": [["id": "silver", "threshold": 0], ["id": "gold", "threshold": 1_000]]]),
            ("/v1/tier-ladders/companies", ["subject": "organization", "currency": "status_credits", "window": "lifetime",
                                            "levels": [["id": "base", "threshold": 0],
                                                       ["id": "top", "criteria": [["currency": "points", "window": "lifetime", "min": 10]]]]]),
        ])
        #expect(try admin.organization("acme").status == 201 && admin.member("ann", organization: "acme").status == 201)
        #expect(try admin.post("/v1/events", ["id": "q-1", "type": "quiz.passed", "member_id": "ann"]).status == 201)
        #expect(try admin.post("/v1/events", ["id": "l-1", "type": "lead.registered", "member_id": "ann"]).status == 201)
        #expect(try admin.post("/v1/redemptions", ["id": "r-1", "member_id": "ann", "reward_id": "mug"]).status == 201)

        let refused = try admin.delete("/v1/currencies/points")
        #expect(refused.status == 409)
        #expect(refused.header("Content-Type") == "application/problem+json")
        #expect(Self.references(refused) == [
            "rules/deal: awards points", "rules/lead: awards points", "rules/quiz: awards points", "rules/video: awards points",
            "rewards/mug: costs 100 points",
            "tier-ladders/companies: level top counts points earned", "tier-ladders/reps: qualifies on points",
            "balances: 1 holder(s) still hold points; let them expire or adjust them to zero first",
            "redemptions: 1 pending redemption(s) hold points; fulfill or cancel them first",
        ])
        #expect(try admin.get("/v1/currencies/points").status == 200)
        #expect(try Self.pointsBalance(admin, "ann")?["available"] as? Int == 500, "600 earned, 100 held: the balance still shows")
        #expect(!(try admin.get("/v1/audit?entity_kind=currency").items.contains { $0["action"] as? String == "currency.delete" }))

        // Take the dependants away one kind at a time; each refusal lists only what is left.
        for rule in ["video", "quiz", "lead", "deal"] { #expect(try admin.delete("/v1/rules/\(rule)").status == 204) }
        #expect(try admin.delete("/v1/rewards/mug").status == 204)
        #expect(try admin.delete("/v1/tier-ladders/reps").status == 204 && admin.delete("/v1/tier-ladders/companies").status == 204)
        let heldOnly = try admin.delete("/v1/currencies/points")
        #expect(heldOnly.status == 409)
        #expect(Self.references(heldOnly).map { $0.prefix { $0 != ":" } } == ["balances", "redemptions"])
        #expect(try admin.post("/v1/redemptions/r-1/cancel", [String: Any]()).status == 200)
        let balanceOnly = try admin.delete("/v1/currencies/points")
        #expect(Self.references(balanceOnly) == ["balances: 1 holder(s) still hold points; let them expire or adjust them to zero first"])
        #expect(try Self.pointsBalance(admin, "ann")?["available"] as? Int == 600)
        #expect(try admin.post("/v1/adjustments", ["member_id": "ann", "currency": "points", "amount": -600, "reason": "closing"]).status == 201)
        #expect(try admin.delete("/v1/currencies/points").status == 204)
        #expect(try admin.get("/v1/currencies/points").status == 404)
    }

    @Test func aBadgeStaysWhileARuleAwardsItOrALadderCountsItsHolders() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        try admin.configure([
            ("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false]),
            ("/v1/badges/certified", ["name": "Certified"]),
            ("/v1/badges/unused", ["name": "Unused"]),
            ("/v1/tier-ladders/partners", ["subject": "organization", "currency": "status_credits", "window": "lifetime",
                                           "levels": [["id": "registered", "threshold": 0],
                                                      ["id": "certified", "criteria": [["members_with_badge": "certified", "min": 1]]]]]),
            ("/v1/rules/quiz", ["name": "Quiz", "on": "quiz.passed", "then": [["badge": "certified"]]]),
        ])
        let refused = try admin.delete("/v1/badges/certified")
        #expect(refused.status == 409)
        #expect(refused.header("Content-Type") == "application/problem+json")
        #expect(Self.references(refused) == [
            "rules/quiz: awards the badge certified", "tier-ladders/partners: level certified counts members with the badge certified",
        ])
        #expect(try admin.get("/v1/badges/certified").status == 200)
        #expect(try admin.delete("/v1/badges/unused").status == 204)

        #expect(try admin.delete("/v1/rules/quiz").status == 204)
        let ladderOnly = try admin.delete("/v1/badges/certified")
        #expect(ladderOnly.status == 409 && Self.references(ladderOnly).count == 1)
        #expect(try admin.delete("/v1/tier-ladders/partners").status == 204)
        #expect(try admin.delete("/v1/badges/certified").status == 204)
        // The currency a deleted ladder qualified on is free too: nobody holds any.
        #expect(try admin.delete("/v1/currencies/status_credits").status == 204)
    }
}

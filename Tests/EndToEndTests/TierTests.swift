import Foundation
import Testing

/// Tier ladders through the real server: DESIGN's ladder on points, an upgrade during event
/// processing, the gold multiplier on the next award, the standing with what the next level needs,
/// partner scoping, and refused ladders.
@Suite("Tiers")
struct TierTests {
    static var ladder: [String: Any] { [
        "subject": "member", "currency": "points", "window": "lifetime",
        "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 5000],
                   ["id": "gold", "threshold": 20000, "benefits": ["multiplier": 1.25, "list": ["lounge"]]],
                   ["id": "platinum", "threshold": 50000]],
        "downgrade": ["policy": "at_review", "grace_days": 30],
    ] }

    struct Program: ProgramFixture {
        let running: ProgramServer

        init() throws {
            let deal: [String: Any] = [
                "name": "Deal", "on": "deal.closed",
                "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]]],
            ]
            running = try ProgramServer(
                configuration: [("/v1/currencies/points", ["name": "Points"]),
                                ("/v1/tier-ladders/partners", TierTests.ladder), ("/v1/rules/deal", deal)],
                organizations: ["acme", "globex"], members: ["ann": "acme"])
        }

        func deal(_ id: String, amount: Int) throws -> [String: Any] {
            let response = try portal.post("/v1/events", ["id": id, "type": "deal.closed", "member_id": "ann", "properties": ["amount": amount]])
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
            return response.json
        }
    }

    @Test func reachingGoldUpgradesAtOnceAndTheNextAwardIsMultipliedRoundedDown() throws {
        let program = try Program()
        let first = try program.deal("d-1", amount: 6000)
        let toSilver = first["tier_changes"] as? [[String: Any]] ?? []
        #expect(toSilver.count == 1)
        #expect(toSilver.first?["ladder_id"] as? String == "partners")
        #expect(toSilver.first?["from"] is NSNull)
        #expect(toSilver.first?["to"] as? String == "silver")

        let second = try program.deal("d-2", amount: 15000)
        let toGold = second["tier_changes"] as? [[String: Any]] ?? []
        #expect(toGold.first?["from"] as? String == "silver" && toGold.first?["to"] as? String == "gold")
        // The award that reached gold was booked at silver: no multiplier.
        let reaching = (second["postings"] as? [[String: Any]])?.first
        #expect(reaching?["amount"] as? Int == 15000)
        #expect(reaching?["multiplier"] == nil)

        let third = try program.deal("d-3", amount: 1001)
        let multiplied = try #require((third["postings"] as? [[String: Any]])?.first)
        #expect(multiplied["amount"] as? Int == 1251)  // 1001 × 1.25 = 1251.25, rounded down
        #expect(multiplied["base_amount"] as? Int == 1001)
        #expect(multiplied["multiplier"] as? Double == 1.25)
        #expect((third["tier_changes"] as? [Any])?.isEmpty == true)

        let balance = try program.admin.get("/v1/members/ann/balances").json["balances"] as? [String: Any]
        #expect((balance?["points"] as? [String: Any])?["available"] as? Int == 6000 + 15000 + 1251)

        let standing = try program.admin.get("/v1/members/ann/tier")
        #expect(standing.status == 200)
        let tier = try #require((standing.json["tiers"] as? [[String: Any]])?.first)
        #expect(tier["ladder_id"] as? String == "partners")
        #expect(tier["level"] as? String == "gold")
        #expect(tier["since"] as? String != nil)
        #expect(tier["qualifying_amount"] as? Int == 22251)
        #expect(tier["window"] as? String == "lifetime")
        let next = try #require(tier["next"] as? [String: Any])
        #expect(next["level"] as? String == "platinum")
        #expect(next["threshold"] as? Int == 50000)
        #expect(next["needed"] as? Int == 50000 - 22251)
        #expect((tier["benefits"] as? [String: Any])?["multiplier"] as? Double == 1.25)
        #expect((tier["benefits"] as? [String: Any])?["list"] as? [String] == ["lounge"])
    }

    @Test func aMemberWithoutEarningsIsAtTheFirstLevel() throws {
        let program = try Program()
        let tier = try #require((try program.admin.get("/v1/members/ann/tier").json["tiers"] as? [[String: Any]])?.first)
        #expect(tier["level"] as? String == "bronze")
        #expect(tier["since"] is NSNull)
        #expect((tier["next"] as? [String: Any])?["needed"] as? Int == 5000)
        let organization = try program.admin.get("/v1/organizations/acme/tier")
        #expect(organization.status == 200)
        #expect((organization.json["tiers"] as? [Any])?.isEmpty == true)  // the only ladder ranks members
    }

    @Test func aPartnerSeesOnlyTheTiersOfItsOwnOrganization() throws {
        let program = try Program()
        let acme = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "acme", "organization_id": "acme"]).secret)
        let globex = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "globex", "organization_id": "globex"]).secret)
        #expect(try acme.get("/v1/members/ann/tier").status == 200)
        #expect(try globex.get("/v1/members/ann/tier").status == 404)
        #expect(try globex.get("/v1/organizations/acme/tier").status == 404)
        #expect(try acme.get("/v1/organizations/acme/tier").status == 200)
    }

    @Test func anInvalidLadderIsRefusedWithEveryPath() throws {
        let program = try Program()
        let refused = try program.admin.put("/v1/tier-ladders/bad", [
            "subject": "team", "currency": "points", "window": "rolling_731d",
            "levels": [["id": "a", "threshold": 10], ["id": "a", "threshold": 5, "benefits": ["multiplier": 10.5]]],
            "downgrade": ["policy": "sometimes"],
        ] as [String: Any])
        #expect(refused.status == 400)
        let paths = (refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }.sorted()
        #expect(paths == [
            "$.downgrade.policy", "$.levels[0].threshold", "$.levels[1].benefits.multiplier", "$.levels[1].id", "$.levels[1].threshold",
            "$.subject", "$.window",
        ].sorted())
        #expect(try program.admin.get("/v1/tier-ladders/bad").status == 404)
    }

    @Test func aLadderOnAnUnknownCurrencyIs422AndOnlyAdminsWriteLadders() throws {
        let program = try Program()
        var ladder = TierTests.ladder
        ladder["currency"] = "miles"
        let unknown = try program.admin.put("/v1/tier-ladders/miles", ladder)
        #expect(unknown.status == 422)
        #expect((unknown.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.currency")
        #expect(try program.portal.put("/v1/tier-ladders/other", TierTests.ladder).status == 403)
        #expect(try program.admin.get("/v1/tier-ladders").items.map { $0["id"] as? String } == ["partners"])
        #expect(try program.admin.delete("/v1/tier-ladders/partners").status == 204)
        #expect(try program.admin.get("/v1/tier-ladders/partners").status == 404)
    }
}

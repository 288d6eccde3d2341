import Foundation
import Testing

@Suite("Rules")
struct RuleTests {
    /// The example from DESIGN.md, verbatim.
    static var dealCommission: [String: Any] { [
        "id": "deal-commission",
        "name": "2% of closed deal value, in points",
        "on": "deal.closed",
        "when": ["all": [
            ["fact": "event.amount", "op": "gte", "value": 1000],
            ["fact": "member.role", "op": "in", "value": ["sales", "manager"]],
            ["any": [["fact": "organization.tier", "op": "eq", "value": "gold"],
                     ["fact": "member.count.deal.closed.month", "op": "gte", "value": 3]]],
        ]],
        "then": [
            ["award": ["currency": "points", "amount": "floor(event.amount * 0.02)", "to": "member"]],
            ["award": ["currency": "status_credits", "amount": 50, "to": "organization"]],
            ["badge": "first-deal"],
        ],
        "limits": [["per": "member", "period": "day", "max_count": 10],
                   ["per": "program", "max_amount": 1_000_000, "currency": "points"]],
        "active": ["from": "2026-01-01T00:00:00Z"],
        "priority": 10,
    ] }

    @Test func rulesAreValidatedVersionedAndKeptAfterDeletion() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        // Awards and amount limits must name currencies that exist, and badge effects badges that exist.
        let unknownCurrency = try admin.put("/v1/rules/deal-commission", Self.dealCommission)
        #expect(unknownCurrency.status == 422)
        let missing = (unknownCurrency.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(missing == ["$.then[0].award.currency", "$.then[1].award.currency", "$.then[2].badge", "$.limits[1].currency"])
        #expect(try admin.put("/v1/badges/first-deal", ["name": "First deal", "repeatable": false]).status == 201)
        #expect(try admin.put("/v1/currencies/points", ["name": "Points"]).status == 201)
        #expect(try admin.put("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false]).status == 201)

        let created = try admin.put("/v1/rules/deal-commission", Self.dealCommission)
        #expect(created.status == 201)
        #expect(created.json["version"] as? Int == 1)
        #expect(try admin.put("/v1/rules/deal-commission", Self.dealCommission).json["version"] as? Int == 1)
        var changed = Self.dealCommission
        changed["priority"] = 20
        let second = try admin.put("/v1/rules/deal-commission", changed)
        #expect(second.status == 200 && second.json["version"] as? Int == 2)
        #expect(try admin.get("/v1/rules/deal-commission").json["priority"] as? Int == 20)
        #expect(try admin.get("/v1/rules").items.compactMap { $0["id"] as? String } == ["deal-commission"])
        #expect(try admin.get("/v1/rules/deal-commission/versions").items.compactMap { $0["version"] as? Int } == [2, 1])

        // Program-wide keys read rules; partner keys do not; only admins write.
        #expect(try admin.organization("acme").status == 201)
        let viewer = server.client(key: try admin.createKey(["role": "viewer"]).secret)
        let integration = server.client(key: try admin.createKey(["role": "integration"]).secret)
        let partner = server.client(key: try admin.createKey(["role": "partner", "organization_id": "acme"]).secret)
        #expect(try viewer.get("/v1/rules/deal-commission").status == 200)
        #expect(try partner.get("/v1/rules/deal-commission").status == 403)
        #expect(try partner.get("/v1/rules").status == 403)
        #expect(try integration.put("/v1/rules/deal-commission", Self.dealCommission).status == 403)
        #expect(try integration.delete("/v1/rules/deal-commission").status == 403)

        #expect(try admin.delete("/v1/rules/deal-commission").status == 204)
        #expect(try admin.get("/v1/rules/deal-commission").status == 404)
        #expect(try admin.get("/v1/rules").items.isEmpty)
        #expect(try admin.get("/v1/rules/deal-commission/versions").items.count == 2)
        #expect(try admin.put("/v1/rules/deal-commission", Self.dealCommission).json["version"] as? Int == 3)
        let audit = try admin.get("/v1/audit?entity_kind=rule").items.compactMap { $0["action"] as? String }
        #expect(audit == ["rule.put", "rule.delete", "rule.put", "rule.put"])
    }

    @Test func anInvalidRuleReportsEveryProblemWithItsPathAndWritesNothing() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let refused = try admin.put("/v1/rules/broken", [
            "name": "Broken",
            "on": "deal.closed",
            "when": ["all": [["fact": "event.amount", "op": "bigger", "value": 1], ["fact": "planet.size", "op": "eq", "value": 1]]],
            "then": [["award": ["currency": "points", "amount": "floor(event.amount *"]], ["dance": true]],
            "limits": [["per": "member", "max_amount": 5]],
        ])
        #expect(refused.status == 400)
        let paths = Set((refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths.isSuperset(of: ["$.when.all[0].op", "$.when.all[1].fact", "$.then[0].award.amount", "$.then[1].dance", "$.limits[0].currency"]))
        #expect(try admin.get("/v1/rules/broken").status == 404)
        #expect(try admin.get("/v1/rules/broken/versions").status == 404)
        #expect(try admin.get("/v1/audit?entity_kind=rule").items.isEmpty)
    }
}

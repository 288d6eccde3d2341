import Foundation
import Testing

@Suite("Currencies")
struct CurrencyTests {
    @Test func adminsConfigureCurrenciesAndEveryKeyReadsThem() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let created = try admin.put("/v1/currencies/points", ["name": "Points", "redeemable": true, "expiry": ["after_days": 365], "pending_days": 0])
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/currencies/points")
        #expect((created.json["expiry"] as? [String: Any])?["after_days"] as? Int == 365)
        #expect(try admin.put("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false]).status == 201)
        let replaced = try admin.put("/v1/currencies/points", ["name": "Points", "expiry": ["end_of": "year", "periods_after": 1]])
        #expect(replaced.status == 200)
        #expect((replaced.json["expiry"] as? [String: Any])?["end_of"] as? String == "year")

        #expect(try admin.get("/v1/currencies").items.compactMap { $0["id"] as? String } == ["points", "status_credits"])
        #expect(try admin.get("/v1/currencies?limit=1").json["next_cursor"] is String)
        #expect(try admin.get("/v1/currencies/status_credits").json["expiry"] is NSNull)

        // A partner portal may read currencies (to show their names) but never change them.
        #expect(try admin.organization("acme").status == 201)
        let partner = server.client(key: try admin.createKey(["role": "partner", "organization_id": "acme"]).secret)
        #expect(try partner.get("/v1/currencies/points").status == 200)
        #expect(try partner.put("/v1/currencies/points", ["name": "Mine"]).status == 403)
        let integration = server.client(key: try admin.createKey(["role": "integration"]).secret)
        #expect(try integration.delete("/v1/currencies/points").status == 403)
        #expect(try admin.get("/v1/currencies/points").json["name"] as? String == "Points")

        #expect(try admin.delete("/v1/currencies/status_credits").status == 204)
        #expect(try admin.get("/v1/currencies/status_credits").status == 404)
        let audit = try admin.get("/v1/audit?entity_kind=currency").items.compactMap { $0["action"] as? String }
        #expect(audit == ["currency.delete", "currency.put", "currency.put", "currency.put"])
    }

    @Test func badCurrencyBodiesAreRefusedWithPathsAndChangeNothing() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let refused = try admin.put("/v1/currencies/points", ["redeemable": "yes", "expiry": ["after_days": 0], "pending_days": -1])
        #expect(refused.status == 400)
        #expect(refused.header("Content-Type") == "application/problem+json")
        let paths = (refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }.sorted()
        #expect(paths == ["$.expiry.after_days", "$.name", "$.pending_days", "$.redeemable"])
        #expect(try admin.put("/v1/currencies/bad%20id", ["name": "P"]).status == 400)
        #expect(try admin.get("/v1/currencies").items.isEmpty)
        #expect(try admin.get("/v1/audit?entity_kind=currency").items.isEmpty)
    }
}

import Foundation
import Testing

@Suite("Transfers")
struct TransferTests {
    struct World {
        let server: LaurelProcess
        let admin: APIClient

        init(config: [String: Any]? = nil) throws {
            server = try LaurelProcess(config: config)
            admin = server.client()
            try admin.configure([("/v1/currencies/points", ["name": "Points"]),
                                 ("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false])])
            try admin.createOrganizations(["acme", "globex"])
            try admin.createMembers(["ann": "acme", "bob": "acme", "gus": "globex"])
            for (holder, currency) in [("member_id", "points"), ("member_id", "status_credits")] {
                let credit = try admin.post("/v1/adjustments", [holder: "ann", "currency": currency, "amount": 300, "reason": "opening balance"])
                guard credit.status == 201 else { throw RawHTTPError(description: "credit \(credit.status) \(credit.text)") }
            }
        }

        func transfer(_ from: [String: String], _ to: [String: String], _ amount: Int, currency: String = "points", as client: APIClient? = nil) throws -> WireResponse {
            try (client ?? admin).post("/v1/transfers", ["from": from, "to": to, "currency": currency, "amount": amount, "reason": "pooling"])
        }

        func available(_ path: String) throws -> Int? {
            ((try admin.get(path).json["balances"] as? [String: Any])?["points"] as? [String: Any])?["available"] as? Int
        }
    }

    /// Found by `DocumentParserFuzzTests`: a null holder counted as named and the parser trapped,
    /// taking the server down. A null names nothing, as an absent field does.
    @Test func aNullHolderIsABadRequestAndTheServerStaysUp() throws {
        let world = try World()
        let nullMember = try world.admin.post(
            "/v1/adjustments", ["member_id": NSNull(), "currency": "points", "amount": 5, "reason": "null holder"])
        #expect(nullMember.status == 400 && nullMember.text.contains("member_id and organization_id"), "\(nullMember.text)")
        let explicitNull = try world.admin.post(
            "/v1/transfers", ["from": ["member_id": NSNull()], "to": ["organization_id": "acme"], "currency": "points", "amount": 5])
        #expect(explicitNull.status == 400 && explicitNull.text.contains("$.from"), "\(explicitNull.text)")
        let orgCredit = try world.admin.post(
            "/v1/adjustments", ["member_id": NSNull(), "organization_id": "acme", "currency": "points", "amount": 5, "reason": "null is absent"])
        #expect(orgCredit.status == 201, "\(orgCredit.text)")
        #expect(try world.admin.get("/healthz").status == 200)
        #expect(try world.available("/v1/organizations/acme/balances") == 5)
    }

    @Test func pointsMoveInsideOneOrganizationAndNowhereElse() throws {
        let world = try World()
        let pooled = try world.transfer(["member_id": "ann"], ["organization_id": "acme"], 100)
        #expect(pooled.status == 201)
        #expect((pooled.json["posting"] as? [String: Any])?["amount"] as? Int == -100)
        #expect(try world.available("/v1/members/ann/balances") == 200)
        #expect(try world.available("/v1/organizations/acme/balances") == 100)
        #expect(try world.transfer(["member_id": "ann"], ["member_id": "bob"], 50).status == 201)
        #expect(try world.transfer(["organization_id": "acme"], ["member_id": "bob"], 25).status == 201)
        #expect(try world.available("/v1/members/bob/balances") == 75)

        // Across organizations, in a tier-only currency, beyond what is available: refused, nothing moves.
        #expect(try world.transfer(["member_id": "ann"], ["member_id": "gus"], 10).status == 422)
        #expect(try world.transfer(["member_id": "ann"], ["organization_id": "acme"], 10, currency: "status_credits").status == 422)
        let overdraw = try world.transfer(["member_id": "ann"], ["member_id": "bob"], 1_000)
        #expect(overdraw.status == 409)
        #expect(try world.available("/v1/members/ann/balances") == 150)
        #expect(try world.available("/v1/members/gus/balances") == 0)
        #expect(try world.admin.get("/v1/audit?action=ledger.transfer").items.count == 3)
    }

    @Test func badBodiesAreRefusedWithPaths() throws {
        let world = try World()
        let refused = try world.admin.post("/v1/transfers", ["from": ["member_id": "ann", "organization_id": "acme"], "to": "bob", "amount": 0])
        #expect(refused.status == 400)
        let paths = Set((refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths.isSuperset(of: ["$.from", "$.to", "$.currency", "$.amount"]))
        #expect(try world.transfer(["member_id": "ann"], ["member_id": "ann"], 5).status == 400)
        #expect(try world.transfer(["member_id": "nobody"], ["member_id": "bob"], 5).status == 422)
    }

    @Test func partnersMoveOnlyTheirOwnAndViewersNothing() throws {
        let world = try World()
        let acme = world.server.client(key: try world.admin.createKey(["role": "partner", "organization_id": "acme"]).secret)
        let globex = world.server.client(key: try world.admin.createKey(["role": "partner", "organization_id": "globex"]).secret)
        let viewer = world.server.client(key: try world.admin.createKey(["role": "viewer"]).secret)
        #expect(try world.transfer(["member_id": "ann"], ["member_id": "bob"], 10, as: acme).status == 201)
        #expect(try world.transfer(["member_id": "ann"], ["member_id": "bob"], 10, as: globex).status == 422)
        #expect(try world.transfer(["member_id": "ann"], ["member_id": "bob"], 10, as: viewer).status == 403)
        #expect(try world.available("/v1/members/bob/balances") == 10)
    }

    @Test func theProgramDecidesWhichTransfersAreAllowed() throws {
        let strict = try World(config: ["program": ["transfers": "member_and_organization"]])
        #expect(try strict.transfer(["member_id": "ann"], ["member_id": "bob"], 10).status == 422)
        #expect(try strict.transfer(["member_id": "ann"], ["organization_id": "acme"], 10).status == 201)
        let closed = try World(config: ["program": ["transfers": "none"]])
        #expect(try closed.transfer(["member_id": "ann"], ["organization_id": "acme"], 10).status == 403)
    }

    @Test func aRetriedTransferWithTheSameIdempotencyKeyMovesPointsOnce() throws {
        let world = try World()
        let body: [String: Any] = ["from": ["member_id": "ann"], "to": ["member_id": "bob"], "currency": "points", "amount": 40]
        let first = try world.admin.post("/v1/transfers", body, headers: [("Idempotency-Key", "t-1")])
        let again = try world.admin.post("/v1/transfers", body, headers: [("Idempotency-Key", "t-1")])
        #expect(first.status == 201 && again.status == 201)
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(try world.available("/v1/members/bob/balances") == 40)
    }
}

import Foundation
import Synchronization
import Testing

@Suite("Rewards and redemptions")
struct RewardTests {
    struct World {
        let server: LaurelProcess
        let admin: APIClient

        /// Points (redeemable) and status credits (not); acme (a customer in the enterprise
        /// segment) with ann (sales) and bob (engineer); globex with gus.
        init(points: [String: Int] = ["ann": 2_000]) throws {
            server = try LaurelProcess()
            admin = server.client()
            for (path, body) in [("/v1/currencies/points", ["name": "Points"]),
                                 ("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false])] as [(String, [String: Any])] {
                guard try admin.put(path, body).status == 201 else { throw RawHTTPError(description: path) }
            }
            let acme = try admin.put("/v1/organizations/acme", ["name": "Acme", "kind": "customer", "segments": ["enterprise"]])
            guard acme.status == 201, try admin.organization("globex").status == 201 else { throw RawHTTPError(description: "organizations") }
            for (id, org, role) in [("ann", "acme", "sales"), ("bob", "acme", "engineer"), ("gus", "globex", "sales")] {
                guard try admin.member(id, organization: org, role: role).status == 201 else { throw RawHTTPError(description: id) }
            }
            for (member, amount) in points {
                let credit = try admin.post("/v1/adjustments", ["member_id": member, "currency": "points", "amount": amount, "reason": "opening"])
                guard credit.status == 201 else { throw RawHTTPError(description: "credit \(credit.status) \(credit.text)") }
            }
        }

        @discardableResult
        func reward(_ id: String, cost: Int = 1_500, _ extra: [String: Any] = [:]) throws -> WireResponse {
            var body: [String: Any] = ["name": id.capitalized, "kind": "merchandise", "cost": ["currency": "points", "amount": cost]]
            body.merge(extra) { $1 }
            let response = try admin.put("/v1/rewards/\(id)", body)
            guard response.status == 201 || response.status == 200 else { throw RawHTTPError(description: "\(id): \(response.text)") }
            return response
        }

        func redeem(_ member: String, _ reward: String, as client: APIClient? = nil, headers: [(String, String)] = []) throws -> WireResponse {
            try (client ?? admin).post("/v1/redemptions", ["member_id": member, "reward_id": reward], headers: headers)
        }

        func points(_ member: String) throws -> [String: Any] {
            (try admin.get("/v1/members/\(member)/balances").json["balances"] as? [String: Any])?["points"] as? [String: Any] ?? [:]
        }

        func available(_ member: String) throws -> Int? { try points(member)["available"] as? Int }

        func stock(_ reward: String) throws -> Int? { try admin.get("/v1/rewards/\(reward)").json["stock"] as? Int }
    }

    static func redemption(_ response: WireResponse) -> [String: Any] { response.json["redemption"] as? [String: Any] ?? [:] }

    static func paths(_ response: WireResponse) -> [String] {
        (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
    }

    @Test func theCatalogIsWrittenByAdminsAndValidatedWithPaths() throws {
        let world = try World()
        let created = try world.admin.put(
            "/v1/rewards/mug", ["name": "Mug", "kind": "merchandise", "cost": ["currency": "points", "amount": 1500], "stock": 100])
        #expect(created.status == 201)
        #expect(created.json["stock"] as? Int == 100)
        #expect((created.json["cost"] as? [String: Any])?["amount"] as? Int == 1500)
        #expect(try world.admin.put(
            "/v1/rewards/mug", ["name": "Mug", "kind": "merchandise", "cost": ["currency": "points", "amount": 1500], "stock": 100]).status == 200)
        #expect(try world.admin.get("/v1/rewards/mug").json["kind"] as? String == "merchandise")
        #expect(try world.admin.put("/v1/tier-ladders/status", [
            "subject": "member", "currency": "status_credits", "window": "lifetime",
            "levels": [["id": "silver", "threshold": 0], ["id": "gold", "threshold": 1000]],
        ]).status == 201)
        try world.reward("tree", cost: 50, ["kind": "donation", "per_member_limit": 3, "audience": ["roles": ["sales"]],
                                             "min_tier": ["ladder_id": "status", "level_id": "gold"],
                                             "active": ["from": "2020-01-01T00:00:00Z"]])
        #expect(try world.admin.get("/v1/rewards").items.compactMap { $0["id"] as? String } == ["mug", "tree"])

        let unknown = try world.admin.put("/v1/rewards/x", ["name": "X", "kind": "voucher", "cost": ["currency": "miles", "amount": 5]])
        #expect(unknown.status == 422)
        #expect(Self.paths(unknown) == ["$.cost.currency"])
        let tierOnly = try world.admin.put("/v1/rewards/x", ["name": "X", "kind": "voucher", "cost": ["currency": "status_credits", "amount": 5]])
        #expect(tierOnly.status == 422)
        let bad = try world.admin.put("/v1/rewards/x", [
            "name": "X", "kind": "car", "cost": ["currency": "points", "amount": 0], "stock": -1, "per_member_limit": 0,
            "active": ["from": "2026-02-01T00:00:00Z", "until": "2026-01-01T00:00:00Z"], "colour": "red",
        ])
        #expect(bad.status == 400)
        #expect(Set(Self.paths(bad)) == ["$.kind", "$.cost.amount", "$.stock", "$.per_member_limit", "$.active.until", "$.colour"])

        let viewer = world.server.client(key: try world.admin.createKey(["role": "viewer"]).secret)
        #expect(try viewer.put("/v1/rewards/y", ["name": "Y", "kind": "voucher", "cost": ["currency": "points", "amount": 5]]).status == 403)
        #expect(try viewer.get("/v1/rewards/mug").status == 200)
        #expect(try world.admin.delete("/v1/rewards/mug").status == 204)
        #expect(try world.admin.get("/v1/rewards/mug").status == 404)
        #expect(try world.admin.get("/v1/audit?action=reward.put").items.count == 2)
        #expect(try world.admin.get("/v1/audit?action=reward.delete").items.count == 1)
    }

    @Test func theCatalogForAMemberSaysWhatIsRedeemableNowAndWhyNot() throws {
        let world = try World(points: ["ann": 900])
        try world.reward("sticker", cost: 100)
        try world.reward("mug", cost: 1_500)
        try world.reward("sold_out", cost: 100, ["stock": 0])
        try world.reward("for_engineers", cost: 100, ["audience": ["roles": ["engineer"]]])
        try world.reward("for_suppliers", cost: 100, ["audience": ["organization_kinds": ["supplier"], "segments": ["enterprise"]]])
        try world.reward("last_year", cost: 100, ["active": ["until": "2020-01-01T00:00:00Z"]])
        let catalog = try world.admin.get("/v1/rewards?member_id=ann").items
        var byID: [String: [String: Any]] = [:]
        for item in catalog { byID[item["id"] as? String ?? ""] = item }
        func reasons(_ id: String) -> [String] { byID[id]?["reasons"] as? [String] ?? [] }
        #expect(byID["sticker"]?["redeemable_now"] as? Bool == true)
        #expect(byID["sticker"]?["reasons"] == nil)
        #expect(byID["mug"]?["redeemable_now"] as? Bool == false)
        #expect(reasons("mug") == ["needs 1500 points, has 900"])
        #expect(reasons("sold_out") == ["out of stock"])
        #expect(reasons("for_engineers").count == 1 && reasons("for_engineers")[0].hasPrefix("not in the audience"))
        #expect(reasons("for_suppliers").count == 1, "the segment matches; the organization kind does not")
        #expect(reasons("last_year") == ["outside its active window"])
        #expect(try world.admin.get("/v1/rewards?member_id=nobody").status == 404)
    }

    @Test func aRedemptionHoldsThePointsThenIsFulfilledWithACodeOnce() throws {
        let world = try World()
        try world.reward("mug", cost: 1_500, ["stock": 100])
        let placed = try world.redeem("ann", "mug")
        #expect(placed.status == 201)
        let redemption = Self.redemption(placed)
        let id = try #require(redemption["id"] as? String)
        #expect(redemption["status"] as? String == "pending")
        #expect((placed.json["balance"] as? [String: Any])?["available"] as? Int == 500)
        #expect(try world.stock("mug") == 99)

        let fulfilled = try world.admin.post("/v1/redemptions/\(id)/fulfill", ["code": "ABC-123"])
        #expect(fulfilled.status == 200)
        #expect(Self.redemption(fulfilled)["status"] as? String == "fulfilled")
        #expect(Self.redemption(fulfilled)["code"] as? String == "ABC-123")
        let again = try world.admin.post("/v1/redemptions/\(id)/fulfill", ["code": "OTHER"])
        #expect(again.status == 200)
        #expect(Self.redemption(again)["code"] as? String == "ABC-123")
        #expect(try world.admin.post("/v1/redemptions/\(id)/cancel", [String: Any]()).status == 409)
        #expect(try world.available("ann") == 500)
        #expect(try world.stock("mug") == 99)
        #expect(try world.admin.get("/v1/redemptions/\(id)").json["status"] as? String == "fulfilled")
        let kinds = try world.admin.get("/v1/members/ann/ledger").items.compactMap { $0["kind"] as? String }
        #expect(kinds.filter { $0 == "hold" }.count == 1)
        #expect(try world.admin.get("/v1/audit?action=redemption.fulfill").items.count == 1)
        #expect(try world.admin.get("/v1/audit?action=redemption.create").items.count == 1)
    }

    @Test func cancellingGivesThePointsBackExactlyAndRestoresStock() throws {
        let world = try World()
        try world.reward("mug", cost: 1_500, ["stock": 100])
        let before = try world.points("ann")
        let placed = try world.admin.post("/v1/redemptions", ["id": "r-1", "member_id": "ann", "reward_id": "mug"])
        #expect(placed.status == 201)
        #expect(Self.redemption(placed)["id"] as? String == "r-1")
        let cancelled = try world.admin.post("/v1/redemptions/r-1/cancel", [String: Any]())
        #expect(cancelled.status == 200)
        #expect(Self.redemption(cancelled)["status"] as? String == "cancelled")
        #expect(NSDictionary(dictionary: try world.points("ann")) == NSDictionary(dictionary: before))
        #expect(try world.stock("mug") == 100)
        #expect(try world.admin.post("/v1/redemptions/r-1/cancel", [String: Any]()).status == 200)
        #expect(try world.stock("mug") == 100, "cancelling twice restores stock once")
        #expect(try world.admin.post("/v1/redemptions/r-1/fulfill", [String: Any]()).status == 409)
        #expect(try world.redeem("ann", "mug").status == 201, "the points are spendable again")
        // The same request under its id again is a replay of the redemption as it now is.
        let replayed = try world.admin.post("/v1/redemptions", ["id": "r-1", "member_id": "ann", "reward_id": "mug"])
        #expect(replayed.status == 200 && replayed.header("Idempotent-Replayed") == "true")
        #expect(Self.redemption(replayed)["status"] as? String == "cancelled")
        #expect(try world.admin.get("/v1/redemptions?status=cancelled").items.compactMap { $0["id"] as? String } == ["r-1"])
        #expect(try world.admin.get("/v1/members/ann/redemptions?status=pending").items.count == 1)
    }

    @Test func perMemberLimitAndAudienceAreEnforced() throws {
        let world = try World(points: ["ann": 2_000, "bob": 2_000])
        try world.reward("cap", cost: 100, ["per_member_limit": 1])
        #expect(try world.admin.post("/v1/redemptions", ["id": "c-1", "member_id": "ann", "reward_id": "cap"]).status == 201)
        let second = try world.redeem("ann", "cap")
        #expect(second.status == 409)
        #expect((second.json["detail"] as? String)?.contains("per-member limit of 1 reached") == true)
        #expect(try world.redeem("bob", "cap").status == 201, "the limit is per member")
        #expect(try world.admin.post("/v1/redemptions/c-1/cancel", [String: Any]()).status == 200)
        #expect(try world.redeem("ann", "cap").status == 201, "a cancelled redemption does not count")

        try world.reward("lab_tour", cost: 100, ["kind": "service", "audience": ["roles": ["engineer"]]])
        let outsider = try world.redeem("ann", "lab_tour")
        #expect(outsider.status == 422)
        #expect(Self.paths(outsider) == ["$.member_id"])
        #expect(try world.redeem("bob", "lab_tour").status == 201)

        let broke = try world.redeem("ann", "cap_expensive_missing")
        #expect(broke.status == 422)
        try world.reward("car", cost: 1_000_000)
        let poor = try world.redeem("ann", "car")
        #expect(poor.status == 409)
        #expect((poor.json["detail"] as? String)?.contains("needs 1000000 points, has 1900") == true)
    }

    @Test func aRetriedRedemptionWithTheSameIdempotencyKeyRedeemsOnce() throws {
        let world = try World()
        try world.reward("mug", cost: 500, ["stock": 10])
        let first = try world.redeem("ann", "mug", headers: [("Idempotency-Key", "redeem-1")])
        let again = try world.redeem("ann", "mug", headers: [("Idempotency-Key", "redeem-1")])
        #expect(first.status == 201 && again.status == 201)
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(Self.redemption(first)["id"] as? String == Self.redemption(again)["id"] as? String)
        #expect(try world.available("ann") == 1_500)
        #expect(try world.stock("mug") == 9)
    }

    @Test func partnerKeysRedeemForTheirOwnMembersOnly() throws {
        let world = try World(points: ["ann": 2_000, "gus": 2_000])
        try world.reward("mug", cost: 100)
        let globex = world.server.client(key: try world.admin.createKey(["role": "partner", "organization_id": "globex"]).secret)
        let placed = try world.admin.post("/v1/redemptions", ["id": "ann-1", "member_id": "ann", "reward_id": "mug"])
        #expect(placed.status == 201)
        #expect(try globex.get("/v1/rewards?member_id=ann").status == 404)
        #expect(try globex.get("/v1/redemptions/ann-1").status == 404)
        #expect(try globex.post("/v1/redemptions/ann-1/cancel", [String: Any]()).status == 404)
        #expect(try globex.post("/v1/redemptions/ann-1/fulfill", [String: Any]()).status == 404)
        #expect(try globex.get("/v1/members/ann/redemptions").status == 404)
        #expect(try globex.get("/v1/redemptions").items.isEmpty)
        #expect(try globex.get("/v1/redemptions?member_id=ann").items.isEmpty)
        #expect(try world.redeem("ann", "mug", as: globex).status == 422)
        let own = try world.redeem("gus", "mug", as: globex)
        #expect(own.status == 201)
        let ownID = try #require(Self.redemption(own)["id"] as? String)
        #expect(try globex.post("/v1/redemptions/\(ownID)/fulfill", [String: Any]()).status == 403)
        #expect(try globex.get("/v1/redemptions").items.count == 1)
        #expect(try globex.get("/v1/rewards?member_id=gus").items.first?["redeemable_now"] as? Bool == true)
        let viewer = world.server.client(key: try world.admin.createKey(["role": "viewer"]).secret)
        #expect(try world.redeem("ann", "mug", as: viewer).status == 403)
        #expect(try viewer.get("/v1/redemptions/ann-1").status == 200)
    }

    /// 50 requests from 10 threads, each on its own connections, against one balance of 10,000
    /// and a stock of 20 at 300 each: stock runs out first (points would allow 33).
    @Test func fiftyConcurrentRedemptionsNeverOverdrawNorOversell() throws {
        let world = try World(points: ["ann": 10_000])
        try world.reward("mug", cost: 300, ["stock": 20])
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        for thread in 0..<10 {
            DispatchQueue(label: "redeemer-\(thread)").async(group: group) {
                for _ in 0..<5 {
                    let status = (try? world.redeem("ann", "mug").status) ?? -1
                    statuses.withLock { $0.append(status) }
                }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        let all = statuses.withLock { $0 }
        #expect(all.count == 50)
        #expect(all.filter { $0 == 201 }.count == 20)
        #expect(all.filter { $0 == 409 }.count == 30)
        #expect(try world.available("ann") == 10_000 - 20 * 300)
        #expect(try world.stock("mug") == 0)
        let holds = try world.admin.get("/v1/members/ann/ledger?limit=500").items.filter { $0["kind"] as? String == "hold" }
        #expect(holds.count == 20)
        #expect(try world.admin.get("/v1/redemptions?member_id=ann&status=pending&limit=500").items.count == 20)
    }
}

import Foundation
import Testing

/// A redemption's `id` makes placing it idempotent, like an event's id, through the real server.
@Suite("Redemption replay by id")
struct RedemptionReplayTests {
    typealias World = RewardTests.World

    static func problem(_ response: WireResponse) -> [String] {
        (response.json["errors"] as? [[String: Any]] ?? []).compactMap { error in
            guard let path = error["path"] as? String, let message = error["message"] as? String else { return nil }
            return "\(path): \(message)"
        }
    }

    @Test func theSameIdAndBodyAnswersTheStoredRedemptionOnceMore() throws {
        let world = try World()
        try world.reward("mug", cost: 500, ["stock": 10])
        let acme = world.server.client(key: try world.admin.createKey(["role": "partner", "organization_id": "acme"]).secret)
        let body: [String: Any] = ["id": "r-1", "member_id": "ann", "reward_id": "mug"]
        let placed = try acme.post("/v1/redemptions", body)
        #expect(placed.status == 201 && placed.header("Idempotent-Replayed") == nil)
        // Keys in another order are the same body.
        let again = try RawHTTP.request(
            port: world.server.port, "POST", "/v1/redemptions",
            headers: [("Authorization", "Bearer \(acme.key ?? "")"), ("Content-Type", "application/json")],
            body: Array(#"{"reward_id": "mug", "member_id": "ann", "id": "r-1"}"#.utf8))
        #expect(again.status == 200)
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(RewardTests.redemption(again)["id"] as? String == "r-1")
        #expect(RewardTests.redemption(again)["status"] as? String == "pending")
        #expect(((again.json["balance"] as? [String: Any])?["available"] as? Int) == 1_500)
        #expect(try world.available("ann") == 1_500, "held once")
        #expect(try world.stock("mug") == 9)
        #expect(try world.admin.get("/v1/audit?action=redemption.create").items.count == 1)
        // An Idempotency-Key still works as before alongside the id.
        let keyed = try world.redeem("ann", "mug", headers: [("Idempotency-Key", "k-1")])
        let keyedAgain = try world.redeem("ann", "mug", headers: [("Idempotency-Key", "k-1")])
        #expect(keyed.status == 201 && keyedAgain.status == 201 && keyedAgain.header("Idempotent-Replayed") == "true")
    }

    @Test func aDifferentBodyUnderAUsedIdIsUnprocessableAtTheId() throws {
        let world = try World()
        try world.reward("mug", cost: 500, ["stock": 10])
        try world.reward("pen", cost: 100, ["stock": 10])
        #expect(try world.admin.post("/v1/redemptions", ["id": "r-1", "member_id": "ann", "reward_id": "mug"]).status == 201)
        let other = try world.admin.post("/v1/redemptions", ["id": "r-1", "member_id": "ann", "reward_id": "pen"])
        #expect(other.status == 422)
        #expect(Self.problem(other) == ["$.id: redemption id already used for a different redemption"])
        #expect(try world.stock("pen") == 10)
        #expect(try world.available("ann") == 1_500)
    }

    @Test func aPartnerProbingAnotherOrganizationsIdLearnsNothingOfWhoseItIs() throws {
        let world = try World(points: ["ann": 2_000, "gus": 2_000])
        try world.reward("mug", cost: 500, ["stock": 10])
        #expect(try world.admin.post("/v1/redemptions", ["id": "ann-1", "member_id": "ann", "reward_id": "mug"]).status == 201)
        #expect(try world.admin.post("/v1/redemptions", ["id": "gus-1", "member_id": "gus", "reward_id": "mug"]).status == 201)
        let globex = world.server.client(key: try world.admin.createKey(["role": "partner", "organization_id": "globex"]).secret)

        // acme's id answers exactly like globex's own id with another body: the same 422 at $.id.
        let probe = try globex.post("/v1/redemptions", ["id": "ann-1", "member_id": "gus", "reward_id": "mug"])
        let ownOther = try globex.post("/v1/redemptions", ["id": "gus-1", "member_id": "gus", "reward_id": "pen_missing"])
        #expect(probe.status == 422 && ownOther.status == 422)
        #expect(Self.problem(probe) == ["$.id: redemption id already used for a different redemption"])
        #expect(Self.problem(probe) == Self.problem(ownOther))
        #expect(probe.json["detail"] as? String == ownOther.json["detail"] as? String)
        #expect(!probe.text.contains("ann") && !probe.text.contains("acme"))
        // Naming acme's member with acme's exact body answers as for a member that does not exist.
        let copied = try globex.post("/v1/redemptions", ["id": "ann-1", "member_id": "ann", "reward_id": "mug"])
        #expect(copied.status == 422 && RewardTests.paths(copied) == ["$.member_id"])
        #expect(try world.available("gus") == 1_500)
        #expect(try world.stock("mug") == 8)
    }
}

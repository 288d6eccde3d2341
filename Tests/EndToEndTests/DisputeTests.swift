import Foundation
import Testing

/// Disputes through the real server: a supplier disputing an unfair rating takes it out of its
/// score while open; voiding keeps it out, upholding brings it back; a voided event is reversed
/// with its awards; one open dispute per record; keys see and do only what they may; all audited.
@Suite("Disputes")
struct DisputeTests {
    static func scorecard(_ client: APIClient) throws -> (overall: Double?, interactions: Int?) {
        let card = try client.get("/v1/organizations/alpha/scorecard").json
        return (card["overall"] as? Double, card["interactions"] as? Int)
    }

    @Test func aDisputedRatingLeavesTheScoreWhileOpenAndForGoodWhenVoided() throws {
        let program = try InteractionTests.Program()
        #expect(try program.record("i-1", hoursLate: -1, service: 5, quality: 5).status == 201)
        #expect(try program.record("i-2", hoursLate: -1, service: 1, quality: 1).status == 201)
        #expect(try program.record("i-3", hoursLate: -1, service: 3, quality: 3).status == 201)
        let before = try Self.scorecard(program.admin)
        #expect(before.interactions == 3)

        let alpha = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "alpha", "organization_id": "alpha"]).secret)
        let beta = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "beta", "organization_id": "beta"]).secret)
        let viewer = program.server.client(key: try program.admin.createKey(["role": "viewer", "name": "v"]).secret)
        #expect(try beta.post("/v1/disputes", ["interaction_id": "i-2", "reason": "not ours"]).status == 404)
        #expect(try viewer.post("/v1/disputes", ["interaction_id": "i-2", "reason": "x"]).status == 403)
        #expect(try alpha.post("/v1/disputes", ["interaction_id": "i-2", "event_id": "e", "reason": "x"]).status == 400)
        let opened = try alpha.post("/v1/disputes", ["interaction_id": "i-2", "reason": "the matter was withdrawn by the client"])
        #expect(opened.status == 201 && opened.json["status"] as? String == "open")
        let disputeID = try #require(opened.json["id"] as? String)
        #expect(try alpha.post("/v1/disputes", ["interaction_id": "i-2", "reason": "again"]).status == 409, "one open dispute per record")

        var now = try Self.scorecard(program.admin)
        #expect(now.interactions == 2 && (now.overall ?? 0) > (before.overall ?? 0), "the disputed rating is out of the score while open")
        #expect((try alpha.get("/v1/interactions/i-2").json["interaction"] as? [String: Any])?["status"] as? String == "disputed")
        #expect(try alpha.get("/v1/disputes").items.count == 1 && beta.get("/v1/disputes").items.isEmpty)
        #expect(try beta.get("/v1/disputes/\(disputeID)").status == 404)

        #expect(try alpha.post("/v1/disputes/\(disputeID)/resolve", ["decision": "void"]).status == 403, "admin keys resolve")
        let voided = try program.admin.post("/v1/disputes/\(disputeID)/resolve", ["decision": "void", "note": "withdrawn matter"])
        #expect(voided.status == 200 && voided.json["status"] as? String == "voided" && voided.json["note"] as? String == "withdrawn matter")
        #expect(try program.admin.post("/v1/disputes/\(disputeID)/resolve", ["decision": "uphold"]).status == 409)
        now = try Self.scorecard(program.admin)
        #expect(now.interactions == 2)
        #expect((try program.admin.get("/v1/interactions/i-2").json["interaction"] as? [String: Any])?["status"] as? String == "voided")

        let upheldID = try #require(try alpha.post("/v1/disputes", ["interaction_id": "i-3", "reason": "too low"]).json["id"] as? String)
        #expect(try Self.scorecard(program.admin).interactions == 1)
        #expect(try program.admin.post("/v1/disputes/\(upheldID)/resolve", ["decision": "uphold"]).json["status"] as? String == "upheld")
        #expect(try Self.scorecard(program.admin).interactions == 2, "upheld: the rating stands and counts again")
        let actions = try program.admin.get("/v1/audit?entity_kind=dispute").items.compactMap { $0["action"] as? String }
        #expect(actions.sorted() == ["dispute.open", "dispute.open", "dispute.uphold", "dispute.void"])
    }

    @Test func voidingADisputedEventReversesWhatItAwarded() throws {
        let program = try InteractionTests.Program()
        #expect(try program.record("i-1", hoursLate: -1, service: 4, quality: 4).status == 201)
        let points = { () throws -> Int? in
            ((try program.admin.get("/v1/organizations/alpha/balances").json["balances"] as? [String: Any])?["points"] as? [String: Any])?["available"] as? Int
        }
        #expect(try points() == 10, "the on-time rule paid the supplier")
        let opened = try program.portal.post("/v1/disputes", ["event_id": "interaction:i-1", "reason": "booked twice"])
        #expect(opened.status == 201 && opened.json["organization_id"] as? String == "alpha")
        let id = try #require(opened.json["id"] as? String)
        #expect(try program.admin.post("/v1/disputes/\(id)/resolve", ["decision": "void"]).status == 200)
        #expect(try points() == 0)
        #expect(try program.admin.get("/v1/events/interaction:i-1").json["reversal"] is [String: Any])
        #expect(try program.admin.post("/v1/disputes", ["event_id": "nope", "reason": "x"]).status == 404)
    }
}

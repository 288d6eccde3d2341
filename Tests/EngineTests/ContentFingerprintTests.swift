import Engine
import Testing

@Suite struct ContentFingerprintTests {
    @Test func keyOrderDoesNotMatterAndAnyValueDoes() {
        let one: JSONValue = .object(JSONObject([("member_id", "ann"), ("reward_id", "mug"), ("nested", ["b": 1, "a": [["y": 2, "x": 1]]])]))
        let other: JSONValue = .object(JSONObject([("nested", ["a": [["x": 1, "y": 2]], "b": 1]), ("reward_id", "mug"), ("member_id", "ann")]))
        #expect(ContentFingerprint.of(one) == ContentFingerprint.of(other))
        #expect(ContentFingerprint.of(one) != ContentFingerprint.of(["member_id": "ann", "reward_id": "pen", "nested": ["b": 1, "a": [["x": 1, "y": 2]]]]))
    }

    /// Events stored before the fingerprint was shared must still be recognised as replays: the
    /// hex SHA-256 of `{"id":"e-1","member_id":"ann","occurred_at":1000,"organization_id":null,
    /// "properties":{"amount":5,"b":"x"},"type":"deal.closed"}`.
    @Test func anEventsFingerprintIsUnchanged() {
        let fingerprint = EventFingerprint.of(
            id: "e-1", type: "deal.closed", memberID: "ann", organizationID: nil, occurredAt: Timestamp(millisecondsSinceEpoch: 1_000),
            properties: JSONObject([("b", "x"), ("amount", 5)]))
        #expect(fingerprint == "c26dd604f45587bde323794b7fc771ca862ac506e6df117329c77a9e3de91dca")
    }

    @Test func aRedemptionRequestsFingerprintCoversItsIdMemberAndReward() {
        let request = RedemptionCommands.Request(id: "r-1", memberID: "ann", rewardID: "mug")
        #expect(request.fingerprint(id: "r-1") == ContentFingerprint.of(["reward_id": "mug", "member_id": "ann", "id": "r-1"]))
        #expect(request.fingerprint(id: "r-2") != request.fingerprint(id: "r-1"))
        #expect(RedemptionCommands.Request(id: "r-1", memberID: "bob", rewardID: "mug").fingerprint(id: "r-1") != request.fingerprint(id: "r-1"))
    }
}

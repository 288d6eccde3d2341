import Engine
import Testing

/// Which deliveries are attempted now: per webhook and lane only the first unfinished one, once
/// due, not while in flight, at most the free slots, longest due first.
@Suite struct WebhookDeliveryOrderTests {
    static let now = Timestamp(millisecondsSinceEpoch: 10_000)

    static func candidate(_ id: Int64, _ webhook: String = "crm", lane: String, seq: Int64, dueMs: Int64?) -> WebhookDeliveryOrder.Candidate {
        .init(id: id, webhookID: webhook, lane: lane, outboxSeq: seq, nextAttemptAt: dueMs.map(Timestamp.init(millisecondsSinceEpoch:)))
    }

    static func due(_ candidates: [WebhookDeliveryOrder.Candidate], inFlight: Set<Int64> = [], slots: Int = 10) -> [Int64] {
        WebhookDeliveryOrder.due(candidates, now: now, inFlight: inFlight, slots: slots).map(\.id)
    }

    @Test func onlyTheFirstUnfinishedDeliveryOfALaneIsAttempted() {
        let ann = [Self.candidate(3, lane: "member:ann", seq: 30, dueMs: 1_000), Self.candidate(1, lane: "member:ann", seq: 10, dueMs: 9_000),
                   Self.candidate(2, lane: "member:ann", seq: 20, dueMs: 1_000)]
        #expect(Self.due(ann) == [1], "seq 10 goes first even though later ones say they are due")
        #expect(Self.due([Self.candidate(1, lane: "member:ann", seq: 10, dueMs: 10_001), Self.candidate(2, lane: "member:ann", seq: 20, dueMs: 0)]) == [],
                "the head is not due yet, and nothing overtakes it")
        #expect(Self.due([Self.candidate(1, lane: "member:ann", seq: 10, dueMs: nil)]) == [], "a waiting delivery has no time")
    }

    @Test func lanesAndWebhooksAreIndependent() {
        let candidates = [
            Self.candidate(1, lane: "member:ann", seq: 10, dueMs: 5_000), Self.candidate(2, lane: "member:bob", seq: 11, dueMs: 4_000),
            Self.candidate(3, "erp", lane: "member:ann", seq: 10, dueMs: 6_000), Self.candidate(4, lane: "organization:acme", seq: 12, dueMs: 3_000),
            Self.candidate(5, lane: "program", seq: 13, dueMs: 10_000),
        ]
        #expect(Self.due(candidates) == [4, 2, 1, 3, 5], "earliest due first; ann's lane of crm does not hold erp's")
    }

    @Test func aLaneInFlightWaitsAndSlotsAreNeverExceeded() {
        let candidates = [Self.candidate(1, lane: "member:ann", seq: 10, dueMs: 1), Self.candidate(2, lane: "member:bob", seq: 11, dueMs: 2),
                          Self.candidate(3, lane: "member:cy", seq: 12, dueMs: 3)]
        #expect(Self.due(candidates, inFlight: [1]) == [2, 3], "ann's delivery is still being attempted")
        #expect(Self.due(candidates, slots: 2) == [1, 2])
        #expect(Self.due(candidates, slots: 0) == [])
        #expect(Self.due(candidates + [Self.candidate(9, lane: "member:ann", seq: 40, dueMs: 0)], inFlight: [1]) == [2, 3],
                "while the head is in flight, a later delivery of the lane does not start")
    }
}

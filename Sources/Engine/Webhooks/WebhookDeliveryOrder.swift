/// Which deliveries to attempt now, so that each webhook receives each lane's deliveries in the
/// order they were committed (at least once): only the first unfinished delivery of a lane (the
/// lowest outbox seq of that webhook and lane) may be attempted, only once its time has come,
/// never twice at once, and at most `slots` at a time, those due longest first.
public enum WebhookDeliveryOrder {
    /// What the decision needs of an unfinished delivery.
    public struct Candidate: Sendable, Equatable {
        public var id: Int64
        public var webhookID: String
        public var lane: String
        public var outboxSeq: Int64
        /// Nil while an earlier delivery of its lane is unfinished.
        public var nextAttemptAt: Timestamp?

        public init(id: Int64, webhookID: String, lane: String, outboxSeq: Int64, nextAttemptAt: Timestamp?) {
            self.id = id
            self.webhookID = webhookID
            self.lane = lane
            self.outboxSeq = outboxSeq
            self.nextAttemptAt = nextAttemptAt
        }
    }

    /// The candidates to attempt now, earliest due first. `unfinished` may hold any unfinished
    /// deliveries (the store hands over the heads of their lanes only); `inFlight` the ids being
    /// attempted, whose lanes are busy until their outcome is recorded.
    public static func due(_ unfinished: [Candidate], now: Timestamp, inFlight: Set<Int64>, slots: Int) -> [Candidate] {
        guard slots > 0 else { return [] }
        var heads: [LaneKey: Candidate] = [:]
        for candidate in unfinished {
            let key = LaneKey(webhookID: candidate.webhookID, lane: candidate.lane)
            if let head = heads[key], head.outboxSeq < candidate.outboxSeq { continue }
            heads[key] = candidate
        }
        return heads.values
            .filter { head in
                guard !inFlight.contains(head.id), let at = head.nextAttemptAt else { return false }
                return at <= now
            }
            .sorted { ($0.nextAttemptAt!, $0.id) < ($1.nextAttemptAt!, $1.id) }
            .prefix(slots)
            .map { $0 }
    }

    private struct LaneKey: Hashable {
        var webhookID: String
        var lane: String
    }
}

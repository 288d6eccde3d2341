/// The deliverer's writes, each a short transaction of its own on the single writer, apart from
/// event writes: fanning committed outbox rows out to the webhooks that subscribe to them,
/// recording attempts, and forgetting old history.
public enum WebhookOutbox {
    /// Turns up to `limit` outbox rows not yet fanned out into deliveries, one per active webhook
    /// subscribed to the row's kind (and created before it), and moves the cursor past them.
    /// Answers how many rows it consumed.
    public static func fanOut(now: Timestamp, limit: Int, in store: any StoreWriter) throws -> Int {
        let position = try store.webhookOutboxPosition()
        guard position.last > position.fannedOutThrough else { return 0 }
        let entries = try store.webhookOutbox(after: position.fannedOutThrough, limit: limit)
        guard let last = entries.last else { return 0 }
        let subscribers = try store.webhookSubscribers()
        for entry in entries {
            for subscriber in subscribers where entry.seq > subscriber.afterSeq && subscriber.subscribes(to: entry.kind) {
                try store.enqueue(WebhookDelivery(
                    webhookID: subscriber.webhookID, outboxSeq: entry.seq, kind: entry.kind, memberID: entry.memberID,
                    lane: WebhookDelivery.lane(memberID: entry.memberID, organizationID: entry.organizationID), createdAt: now
                ), dueAt: now)
            }
        }
        try store.setWebhookFanOut(through: last.seq)
        return entries.count
    }

    /// Records attempts; a finished delivery lets the next of its lane be attempted at once.
    /// Answers the deliveries as they now stand (attempts on deliveries gone or finished meanwhile
    /// are left out).
    public static func record(_ attempts: [WebhookAttempt], backoff: WebhookBackoff, in store: any StoreWriter) throws -> [WebhookDelivery] {
        var recorded: [WebhookDelivery] = []
        for attempt in attempts {
            guard var delivery = try store.webhookDelivery(id: attempt.deliveryID), !delivery.status.isFinished else { continue }
            let finished = delivery.record(attempt, backoff: backoff)
            try store.save(delivery)
            if finished { try store.advanceWebhookLane(webhookID: delivery.webhookID, lane: delivery.lane, at: attempt.at) }
            recorded.append(delivery)
        }
        return recorded
    }
}

extension WebhookOutbox {
    /// Forgets finished deliveries and sent outbox rows older than the retention, a bounded
    /// number per call so that the writer is never held for long.
    public static func prune(now: Timestamp, retentionMs: Int64, limit: Int, in store: any StoreWriter) throws -> Int {
        try store.pruneWebhookHistory(before: now.adding(milliseconds: -retentionMs), limit: limit)
    }
}

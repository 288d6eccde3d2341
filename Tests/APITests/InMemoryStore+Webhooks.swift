import Engine

/// Webhook definitions only: the outbox is written by SQL triggers, which the in-memory store has
/// not, so nothing is ever fanned out or due here. Delivery is tested end to end over SQLite.
extension InMemoryTransaction {
    func webhook(id: String) throws -> Webhook? { state.webhooks[id] }

    func webhooks(page request: PageRequest) throws -> Page<Webhook> {
        let sorted = state.webhooks.values.sorted { $0.id < $1.id }
        let rest = request.after.map { after in sorted.filter { $0.id > after } } ?? sorted
        return Page(fetched: Array(rest.prefix(request.limit + 1)), limit: request.limit, key: \.id)
    }

    func webhookSubscribers() throws -> [WebhookSubscriber] { [] }

    func webhookDeliveries(webhookID: String, status: WebhookDelivery.Status?, page: PageRequest) throws -> Page<WebhookDelivery> {
        Page(items: [], nextAfter: nil)
    }

    func webhookDelivery(id: Int64) throws -> WebhookDelivery? { nil }

    func webhookOutboxPosition() throws -> WebhookOutboxPosition { WebhookOutboxPosition(fannedOutThrough: 0, last: 0) }

    func webhookOutbox(after seq: Int64, limit: Int) throws -> [WebhookOutboxEntry] { [] }

    func dueWebhookDeliveries(now: Timestamp, limit: Int) throws -> [DueWebhookDelivery] { [] }

    func save(_ webhook: Webhook) throws { state.webhooks[webhook.id] = webhook }

    func deleteWebhook(id: String) throws { state.webhooks[id] = nil }

    func setWebhookFanOut(through seq: Int64) throws {}

    func enqueue(_ delivery: WebhookDelivery, dueAt: Timestamp) throws {}

    func save(_ delivery: WebhookDelivery) throws {}

    func advanceWebhookLane(webhookID: String, lane: String, at: Timestamp) throws {}

    func pruneWebhookHistory(before: Timestamp, limit: Int) throws -> Int { 0 }
}

/// Webhooks are admin configuration: only admin keys read or change them (they name receivers and
/// carry secrets), every change is audited without the secret, and their delivery logs are read
/// and re-queued by admin keys too.
public enum WebhookCommands {
    public static func get(_ id: String, in store: any StoreReader) throws -> Webhook {
        try ConfigurationWrites.get(id, load: store.webhook(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Webhook> {
        try store.webhooks(page: page)
    }

    /// A new webhook needs a secret (422 without); a replaced one keeps its secret unless given another.
    public static func put(_ id: String, _ draft: WebhookDraft, context: ChangeContext, in store: any StoreWriter) throws -> ConfigurationWrites.Put<Webhook> {
        let kept = try store.webhook(id: id)?.secret
        return try ConfigurationWrites.put(
            id, context: context, in: store, load: store.webhook(id:),
            make: { createdAt in
                guard let webhook = draft.webhook(id: id, keptSecret: kept, createdAt: createdAt, updatedAt: context.at) else {
                    preconditionFailure("a webhook without a secret passed the missing check")
                }
                return webhook
            },
            save: store.save,
            missing: {
                draft.secret == nil && kept == nil ? [ValidationError(path: "$.secret", message: "is required to create a webhook")] : []
            })
    }

    /// Deletes the webhook and its delivery log: nothing more is sent to it.
    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(id, context: context, in: store, load: store.webhook(id:), remove: store.deleteWebhook)
    }

    public static func deliveries(
        webhookID: String, status: WebhookDelivery.Status?, page: PageRequest, in store: any StoreReader
    ) throws -> Page<WebhookDelivery> {
        _ = try get(webhookID, in: store)
        return try store.webhookDeliveries(webhookID: webhookID, status: status, page: page)
    }

    /// Puts a failed delivery back in its lane with a fresh retry window: attempted as soon as the
    /// lane's delivery in progress (if any) is finished. Only failed deliveries (409 otherwise).
    public static func retry(webhookID: String, deliveryID: String, context: ChangeContext, in store: any StoreWriter) throws -> WebhookDelivery {
        try ConfigurationWrites.requireAdmin(context, Webhook.self)
        _ = try get(webhookID, in: store)
        guard let id = Int64(deliveryID), var delivery = try store.webhookDelivery(id: id), delivery.webhookID == webhookID else {
            throw DomainError.notFound(kind: "webhook delivery", id: deliveryID)
        }
        guard delivery.status == .failed else {
            throw DomainError.conflict("delivery \(deliveryID) is \(delivery.status.rawValue); only failed deliveries are retried")
        }
        let before = delivery.json
        delivery.status = .pending
        delivery.attempts = 0
        delivery.firstAttemptAt = nil
        delivery.failedAt = nil
        delivery.nextAttemptAt = nil
        try store.save(delivery)
        try store.advanceWebhookLane(webhookID: webhookID, lane: delivery.lane, at: context.at)
        let after = try store.webhookDelivery(id: id) ?? delivery
        try store.append(context.audit("webhook.delivery_retry", Webhook.kind, webhookID, before: before, after: after.json))
        return after
    }
}

import Engine
import SQLite

/// Webhooks, their outbox (written by the triggers of Migrations/0023) and their deliveries.
extension SQLStore {
    private static let webhookColumns = "id, url, kinds, secret, active, description, created_at, updated_at"
    private static let deliveryColumns = """
        id, webhook_id, outbox_seq, kind, member_id, lane, status, attempts, next_attempt_at, first_attempt_at, last_attempt_at,
        last_response_status, last_error, delivered_at, failed_at, created_at
        """
    /// Of a lane's deliveries, those still to deliver (the partial indexes' condition, spelt the same).
    private static let unfinished = "status IN ('pending', 'retrying')"

    func webhook(id: String) throws -> Webhook? {
        try connection.queryOne("SELECT \(Self.webhookColumns) FROM webhooks WHERE id = ?", [.text(id)]).map(Self.webhook)
    }

    func webhooks(page: PageRequest) throws -> Page<Webhook> {
        let rows = try connection.query(
            "SELECT \(Self.webhookColumns) FROM webhooks WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.webhook), limit: page.limit, key: \.id)
    }

    func webhookSubscribers() throws -> [WebhookSubscriber] {
        try connection.query("SELECT id, kinds, after_seq FROM webhooks WHERE active = 1 ORDER BY id", []).map { row in
            WebhookSubscriber(webhookID: try row.requiredString("id"), kinds: try Self.kinds(row), afterSeq: row.int64("after_seq") ?? 0)
        }
    }

    func webhookDeliveries(webhookID: String, status: WebhookDelivery.Status?, page: PageRequest) throws -> Page<WebhookDelivery> {
        let before = try page.afterInteger(minimum: 1, of: "webhook deliveries") ?? Int64.max
        var arguments: [SQLiteValue] = [.text(webhookID), .integer(before)]
        var statusCondition = ""
        if let status {
            statusCondition = "AND status = ?"
            arguments.append(.text(status.rawValue))
        }
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try connection.query(
            """
            SELECT \(Self.deliveryColumns) FROM webhook_deliveries
            WHERE webhook_id = ? AND outbox_seq < ? \(statusCondition) ORDER BY outbox_seq DESC LIMIT ?
            """, arguments)
        return Page(fetched: try rows.map(Self.delivery), limit: page.limit) { String($0.outboxSeq) }
    }

    func webhookDelivery(id: Int64) throws -> WebhookDelivery? {
        try connection.queryOne("SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE id = ?", [.integer(id)]).map(Self.delivery)
    }

    func webhookOutboxPosition() throws -> WebhookOutboxPosition {
        let row = try connection.queryOne(
            """
            SELECT (SELECT through_seq FROM webhook_fan_out WHERE id = 1) AS through,
                   (SELECT coalesce(max(seq), 0) FROM webhook_outbox) AS last
            """, [])
        return WebhookOutboxPosition(fannedOutThrough: row?.int64("through") ?? 0, last: row?.int64("last") ?? 0)
    }

    func webhookOutbox(after seq: Int64, limit: Int) throws -> [WebhookOutboxEntry] {
        try connection.query(
            "SELECT seq, kind, member_id, organization_id, at FROM webhook_outbox WHERE seq > ? ORDER BY seq LIMIT ?",
            [.integer(seq), .integer(Int64(limit))]
        ).map { row in
            WebhookOutboxEntry(
                seq: row.int64("seq") ?? 0, kind: try row.requiredString("kind"), memberID: row.string("member_id"),
                organizationID: row.string("organization_id"), at: try row.timestamp("at"))
        }
    }

    func dueWebhookDeliveries(now: Timestamp, limit: Int) throws -> [DueWebhookDelivery] {
        try connection.query(
            """
            SELECT d.id, d.webhook_id, d.lane, d.outbox_seq, d.next_attempt_at, d.kind, w.url, w.secret, o.at, o.payload
            FROM webhook_deliveries d
            JOIN webhooks w ON w.id = d.webhook_id AND w.active = 1
            JOIN webhook_outbox o ON o.seq = d.outbox_seq
            WHERE d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= ?
            ORDER BY d.next_attempt_at, d.id LIMIT ?
            """, [SQLiteValue(now), .integer(Int64(limit))]
        ).map { row in
            let urlText = try row.requiredString("url")
            guard case .success(let url) = WebhookURL.parse(urlText) else { throw StorageError.corrupt("webhook url \(urlText)") }
            let candidate = WebhookDeliveryOrder.Candidate(
                id: row.int64("id") ?? 0, webhookID: try row.requiredString("webhook_id"), lane: try row.requiredString("lane"),
                outboxSeq: row.int64("outbox_seq") ?? 0, nextAttemptAt: row.optionalTimestamp("next_attempt_at"))
            return DueWebhookDelivery(
                candidate: candidate, url: url, secret: try row.requiredString("secret"), kind: try row.requiredString("kind"),
                createdAt: try row.timestamp("at"), data: try row.json("payload") ?? .object(JSONObject()))
        }
    }

    func save(_ webhook: Webhook) throws {
        try connection.run(
            """
            INSERT INTO webhooks (id, url, kinds, secret, active, description, after_seq, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) FROM webhook_outbox), ?, ?)
            ON CONFLICT (id) DO UPDATE SET url = excluded.url, kinds = excluded.kinds, secret = excluded.secret,
                active = excluded.active, description = excluded.description, updated_at = excluded.updated_at
            """,
            [.text(webhook.id), .text(webhook.url.description), SQLiteValue(json: .array(webhook.kinds.map(JSONValue.string))),
             .text(webhook.secret), SQLiteValue(webhook.active), SQLiteValue(webhook.description), SQLiteValue(webhook.createdAt),
             SQLiteValue(webhook.updatedAt)])
    }

    func deleteWebhook(id: String) throws {
        try connection.run("DELETE FROM webhook_deliveries WHERE webhook_id = ?", [.text(id)])
        try connection.run("DELETE FROM webhooks WHERE id = ?", [.text(id)])
    }

    func setWebhookFanOut(through seq: Int64) throws {
        try connection.run("UPDATE webhook_fan_out SET through_seq = ? WHERE id = 1", [.integer(seq)])
    }

    func enqueue(_ delivery: WebhookDelivery, dueAt: Timestamp) throws {
        try connection.run(
            """
            INSERT INTO webhook_deliveries (webhook_id, outbox_seq, kind, member_id, lane, status, attempts, next_attempt_at, created_at)
            SELECT ?1, ?2, ?3, ?4, ?5, 'pending', 0,
                   CASE WHEN EXISTS (SELECT 1 FROM webhook_deliveries WHERE webhook_id = ?1 AND lane = ?5 AND \(Self.unfinished))
                        THEN NULL ELSE ?6 END,
                   ?7
            WHERE true  -- without a WHERE, SQLite would read ON CONFLICT as a join's ON
            ON CONFLICT (webhook_id, outbox_seq) DO NOTHING
            """,
            [.text(delivery.webhookID), .integer(delivery.outboxSeq), .text(delivery.kind), SQLiteValue(delivery.memberID),
             .text(delivery.lane), SQLiteValue(dueAt), SQLiteValue(delivery.createdAt)])
    }

    func save(_ delivery: WebhookDelivery) throws {
        try connection.run(
            """
            UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, first_attempt_at = ?, last_attempt_at = ?,
                last_response_status = ?, last_error = ?, delivered_at = ?, failed_at = ?
            WHERE id = ?
            """,
            [.text(delivery.status.rawValue), .integer(Int64(delivery.attempts)), SQLiteValue(delivery.nextAttemptAt),
             SQLiteValue(delivery.firstAttemptAt), SQLiteValue(delivery.lastAttemptAt), SQLiteValue(delivery.lastResponseStatus),
             SQLiteValue(delivery.lastError), SQLiteValue(delivery.deliveredAt), SQLiteValue(delivery.failedAt), .integer(delivery.id)])
    }

    func advanceWebhookLane(webhookID: String, lane: String, at: Timestamp) throws {
        try connection.run(
            """
            UPDATE webhook_deliveries SET next_attempt_at = ?3
            WHERE id = (SELECT id FROM webhook_deliveries WHERE webhook_id = ?1 AND lane = ?2 AND \(Self.unfinished)
                        ORDER BY outbox_seq LIMIT 1)
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE webhook_id = ?1 AND lane = ?2 AND \(Self.unfinished)
                              AND next_attempt_at IS NOT NULL)
            """, [.text(webhookID), .text(lane), SQLiteValue(at)])
    }

    func pruneWebhookHistory(before: Timestamp, limit: Int) throws -> Int {
        try connection.run(
            """
            DELETE FROM webhook_deliveries WHERE id IN (
                SELECT id FROM webhook_deliveries WHERE created_at < ? AND status IN ('delivered', 'failed') ORDER BY id LIMIT ?)
            """, [SQLiteValue(before), .integer(Int64(limit))])
        let deliveries = connection.changes
        try connection.run(
            """
            DELETE FROM webhook_outbox WHERE seq IN (
                SELECT o.seq FROM webhook_outbox o
                WHERE o.seq <= (SELECT through_seq FROM webhook_fan_out WHERE id = 1) AND o.at < ?
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_seq = o.seq AND d.\(Self.unfinished))
                ORDER BY o.seq LIMIT ?)
            """, [SQLiteValue(before), .integer(Int64(limit))])
        return deliveries + connection.changes
    }

    private static func kinds(_ row: SQLiteRow) throws -> [String] {
        guard case .array(let values)? = try row.json("kinds") else { throw StorageError.corrupt("webhook kinds") }
        return values.compactMap(\.stringValue)
    }

    private static func webhook(_ row: SQLiteRow) throws -> Webhook {
        let id = try row.requiredString("id")
        let urlText = try row.requiredString("url")
        guard case .success(let url) = WebhookURL.parse(urlText) else { throw StorageError.corrupt("webhook \(id) url") }
        return Webhook(
            id: id, url: url, kinds: try kinds(row), secret: try row.requiredString("secret"), active: row.bool("active") ?? false,
            description: row.string("description"), createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }

    private static func delivery(_ row: SQLiteRow) throws -> WebhookDelivery {
        let id = row.int64("id") ?? 0
        guard let status = row.string("status").flatMap(WebhookDelivery.Status.init(rawValue:)) else {
            throw StorageError.corrupt("webhook delivery \(id) status")
        }
        return WebhookDelivery(
            id: id, webhookID: try row.requiredString("webhook_id"), outboxSeq: row.int64("outbox_seq") ?? 0,
            kind: try row.requiredString("kind"), memberID: row.string("member_id"), lane: try row.requiredString("lane"), status: status,
            attempts: row.int("attempts") ?? 0, nextAttemptAt: row.optionalTimestamp("next_attempt_at"),
            firstAttemptAt: row.optionalTimestamp("first_attempt_at"), lastAttemptAt: row.optionalTimestamp("last_attempt_at"),
            lastResponseStatus: row.int("last_response_status"), lastError: row.string("last_error"),
            deliveredAt: row.optionalTimestamp("delivered_at"), failedAt: row.optionalTimestamp("failed_at"),
            createdAt: try row.timestamp("created_at"))
    }
}

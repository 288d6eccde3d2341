import Engine

extension OpenAPISchemas {
    /// Every pattern a webhook may subscribe to: each kind, each family, everything.
    private static let kindPatterns: JSONValue = .array(
        (WebhookKinds.all + WebhookKinds.families.map { "\($0).*" } + [WebhookKinds.everything]).map(JSONValue.string))
    private static let optionalTime: JSONValue = ["type": ["string", "null"], "format": "date-time"]

    /// Webhooks: subscriptions, their delivery log, and what receivers get.
    static let webhooks: [(key: String, value: JSONValue)] = [
        ("WebhookWrite", object([
            ("url", string("http:// or https://, with a host; no credentials, no fragment.", maxLength: WebhookURL.bytesMax)),
            ("kinds", ["type": "array", "minItems": 1, "maxItems": .int(Int64(Webhook.kindsMax)), "items": ["enum": kindPatterns],
                       "description": "Kinds, families (notification.*) or * for everything."]),
            ("secret", ["type": "string", "minLength": .int(Int64(Webhook.secretBytesMin)), "maxLength": .int(Int64(Webhook.secretBytesMax)),
                        "description": "Signs each delivery; write-only. Required to create, optional to replace (kept when absent)."]),
            ("active", ["type": "boolean", "default": true, "description": "Inactive: no new deliveries; waiting ones wait."]),
            ("description", string(maxLength: 2000)),
        ], required: ["url", "kinds"], closed: true)),
        ("Webhook", object([
            ("id", string()), ("url", string()), ("kinds", array(string())), ("active", ["type": "boolean"]),
            ("description", ["type": ["string", "null"]]), ("secret_set", ["type": "boolean"]),
            ("secret_last4", string("The secret's last four characters, to tell secrets apart.")),
            ("created_at", dateTime()), ("updated_at", dateTime()),
        ], required: ["id", "url", "kinds", "active", "secret_set", "secret_last4", "created_at", "updated_at"])),
        ("WebhookPage", page("Webhook")),
        ("WebhookDelivery", object([
            ("id", string("The delivery id, also sent as Laurel-Delivery and the body's id.")), ("webhook_id", string()),
            ("outbox_seq", ["type": "integer", "description": "Commit order of what is delivered."]), ("kind", string()),
            ("member_id", ["type": ["string", "null"]]),
            ("lane", string("member:ID, else organization:ID, else program: deliveries of a lane go in outbox order.")),
            ("status", ["enum": .array(WebhookDelivery.Status.allCases.map { .string($0.rawValue) })]),
            ("attempts", integer()), ("last_response_status", ["type": ["integer", "null"]]), ("last_error", ["type": ["string", "null"]]),
            ("next_attempt_at", optionalTime), ("first_attempt_at", optionalTime), ("last_attempt_at", optionalTime),
            ("delivered_at", optionalTime), ("failed_at", optionalTime), ("created_at", dateTime()),
        ], required: ["id", "webhook_id", "outbox_seq", "kind", "lane", "status", "attempts", "created_at"])),
        ("WebhookDeliveryPage", page("WebhookDelivery")),
        ("WebhookDeliveryBody", ["description": """
            What a receiver gets: POST with Content-Type application/json, Laurel-Delivery (the id), User-Agent laurel/<version> and \
            Laurel-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>; verify it over the raw body and refuse \
            old timestamps. Any 2xx delivers; anything else, or no answer within webhooks.timeout_ms, is retried with exponential \
            backoff and full jitter until webhooks.retry_window_s after the first attempt, then the delivery fails. At least once: \
            drop repeated ids. In order per member (else per organization, else for the program) and webhook. data by kind: \
            notification.<kind> {notification_id, member_id, kind, template, payload, event_id, rule_id, created_at}; \
            event.recorded {event, postings, balances, badges, tier_changes}; event.reversed {event}; badge.earned {member_id, \
            badge_id, event_id, rule_id, earned_at}; tier.changed {holder, member_id, organization_id, ladder_id, from, to, since}; \
            goal.level_reached {goal_id, subject, subject_id, period, level_id, total, reached_at}; leaderboard.period_closed \
            {leaderboard_id, period, closed_at, winners}; redemption.<status> {redemption_id, member_id, reward_id, currency, cost, \
            status, code, created_at, fulfilled_at, cancelled_at}.
            """, "type": "object", "properties": [
                "id": ["type": "string"], "kind": ["type": "string"], "created_at": ["type": "string", "format": "date-time"],
                "data": ["type": "object"],
            ], "required": ["id", "kind", "created_at", "data"]]),
    ]
}

/// The request a delivery sends: a JSON body `{"id", "kind", "created_at", "data"}` and the
/// headers that identify and sign it. The signature's timestamp is the sending time, so each
/// attempt is signed afresh; `id` stays the delivery's for every attempt, for receivers to drop
/// repeats (delivery is at least once).
public struct WebhookMessage: Sendable, Equatable {
    public var url: WebhookURL
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public static func make(_ due: DueWebhookDelivery, sentAt: Timestamp, userAgent: String) -> WebhookMessage {
        let id = String(due.candidate.id)
        let body = JSONWriter.bytes(.object(JSONObject([
            ("id", .string(id)), ("kind", .string(due.kind)), ("created_at", .string(due.createdAt.rfc3339)), ("data", due.data),
        ])))
        let unixSeconds = sentAt.millisecondsSinceEpoch / 1000
        return WebhookMessage(url: due.url, headers: [
            ("Content-Type", "application/json"),
            (WebhookSignature.headerName, WebhookSignature.header(secret: due.secret, unixSeconds: unixSeconds, body: body)),
            ("Laurel-Delivery", id),
            ("User-Agent", userAgent),
        ], body: body)
    }

    public static func == (lhs: WebhookMessage, rhs: WebhookMessage) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }
}

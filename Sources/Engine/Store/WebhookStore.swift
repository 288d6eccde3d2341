public protocol WebhookReader {
    func webhook(id: String) throws -> Webhook?
    /// Ordered by id.
    func webhooks(page: PageRequest) throws -> Page<Webhook>
    /// The active webhooks' subscriptions, by id: what fanning out needs.
    func webhookSubscribers() throws -> [WebhookSubscriber]
    /// A webhook's deliveries, newest outbox row first, of one status or all.
    func webhookDeliveries(webhookID: String, status: WebhookDelivery.Status?, page: PageRequest) throws -> Page<WebhookDelivery>
    func webhookDelivery(id: Int64) throws -> WebhookDelivery?
    /// How far the outbox has been fanned out, and how far it goes.
    func webhookOutboxPosition() throws -> WebhookOutboxPosition
    /// Outbox rows after `seq`, in order, at most `limit`.
    func webhookOutbox(after seq: Int64, limit: Int) throws -> [WebhookOutboxEntry]
    /// The scheduled deliveries of active webhooks due by `now` (at most one per lane: the store
    /// schedules only a lane's first unfinished delivery), earliest first, at most `limit`, with
    /// what sending them needs.
    func dueWebhookDeliveries(now: Timestamp, limit: Int) throws -> [DueWebhookDelivery]
}

public protocol WebhookWriter: WebhookReader {
    /// Inserts or replaces by id; a new webhook receives outbox rows committed after it.
    func save(_ webhook: Webhook) throws
    /// Deletes the webhook with its deliveries.
    func deleteWebhook(id: String) throws
    func setWebhookFanOut(through seq: Int64) throws
    /// Adds a delivery, due at `dueAt` when its lane has no unfinished delivery, else waiting for
    /// its turn; nothing when the webhook has this outbox row already.
    func enqueue(_ delivery: WebhookDelivery, dueAt: Timestamp) throws
    /// Writes a delivery's status, attempts and times.
    func save(_ delivery: WebhookDelivery) throws
    /// Schedules the lane's first unfinished delivery at `at`, unless one of the lane is scheduled.
    func advanceWebhookLane(webhookID: String, lane: String, at: Timestamp) throws
    /// Deletes finished deliveries created before `before`, and outbox rows fanned out before it
    /// that no unfinished delivery needs; at most `limit` of each. Answers how many rows went.
    func pruneWebhookHistory(before: Timestamp, limit: Int) throws -> Int
}

/// An active webhook's subscription, from the outbox row after which it was created.
public struct WebhookSubscriber: Sendable, Equatable {
    public var webhookID: String
    public var kinds: [String]
    /// Rows up to this seq were committed before the webhook existed.
    public var afterSeq: Int64

    public init(webhookID: String, kinds: [String], afterSeq: Int64) {
        self.webhookID = webhookID
        self.kinds = kinds
        self.afterSeq = afterSeq
    }

    public func subscribes(to kind: String) -> Bool {
        kinds.contains { WebhookKinds.pattern($0, covers: kind) }
    }
}

public struct WebhookOutboxPosition: Sendable, Equatable {
    /// The last outbox seq fanned out to deliveries.
    public var fannedOutThrough: Int64
    /// The last outbox seq written (0 when none).
    public var last: Int64

    public init(fannedOutThrough: Int64, last: Int64) {
        self.fannedOutThrough = fannedOutThrough
        self.last = last
    }
}

/// A row the outbox triggers wrote, without its payload (fanning out needs none).
public struct WebhookOutboxEntry: Sendable, Equatable {
    public var seq: Int64
    public var kind: String
    public var memberID: String?
    public var organizationID: String?
    public var at: Timestamp

    public init(seq: Int64, kind: String, memberID: String?, organizationID: String?, at: Timestamp) {
        self.seq = seq
        self.kind = kind
        self.memberID = memberID
        self.organizationID = organizationID
        self.at = at
    }
}

/// A delivery to attempt, with the webhook's URL and secret and the outbox row's content.
public struct DueWebhookDelivery: Sendable, Equatable {
    public var candidate: WebhookDeliveryOrder.Candidate
    public var url: WebhookURL
    public var secret: String
    public var kind: String
    /// When the outbox row was written.
    public var createdAt: Timestamp
    public var data: JSONValue

    public init(candidate: WebhookDeliveryOrder.Candidate, url: WebhookURL, secret: String, kind: String, createdAt: Timestamp, data: JSONValue) {
        self.candidate = candidate
        self.url = url
        self.secret = secret
        self.kind = kind
        self.createdAt = createdAt
        self.data = data
    }
}

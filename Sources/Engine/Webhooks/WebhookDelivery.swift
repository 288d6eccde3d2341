/// One outbox row on its way to one webhook, with every attempt's outcome. Deliveries of one
/// webhook and one lane (a member, else an organization, else the program) are attempted strictly
/// in outbox order: a later one waits while an earlier one is pending or retrying.
public struct WebhookDelivery: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Not attempted yet: waiting for its turn in its lane, or due.
        case pending
        /// Attempted and refused or unreachable; tried again at `nextAttemptAt`.
        case retrying
        /// The receiver answered 2xx.
        case delivered
        /// Still refused when the retry window closed; its lane moved on.
        case failed

        public var isFinished: Bool { self == .delivered || self == .failed }
    }

    /// Assigned by the store; 0 before.
    public var id: Int64
    public var webhookID: String
    public var outboxSeq: Int64
    public var kind: String
    public var memberID: String?
    public var lane: String
    public var status: Status
    public var attempts: Int
    /// Set on the first unfinished delivery of its lane only: when to attempt it.
    public var nextAttemptAt: Timestamp?
    public var firstAttemptAt: Timestamp?
    public var lastAttemptAt: Timestamp?
    /// The HTTP status of the last answer, nil when there was none.
    public var lastResponseStatus: Int?
    /// Why the last attempt failed without an answer (refused, timed out, …) or with a non-2xx one.
    public var lastError: String?
    public var deliveredAt: Timestamp?
    public var failedAt: Timestamp?
    public var createdAt: Timestamp

    public init(
        id: Int64 = 0, webhookID: String, outboxSeq: Int64, kind: String, memberID: String?, lane: String, status: Status = .pending,
        attempts: Int = 0, nextAttemptAt: Timestamp? = nil, firstAttemptAt: Timestamp? = nil, lastAttemptAt: Timestamp? = nil,
        lastResponseStatus: Int? = nil, lastError: String? = nil, deliveredAt: Timestamp? = nil, failedAt: Timestamp? = nil,
        createdAt: Timestamp
    ) {
        self.id = id
        self.webhookID = webhookID
        self.outboxSeq = outboxSeq
        self.kind = kind
        self.memberID = memberID
        self.lane = lane
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.firstAttemptAt = firstAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastResponseStatus = lastResponseStatus
        self.lastError = lastError
        self.deliveredAt = deliveredAt
        self.failedAt = failedAt
        self.createdAt = createdAt
    }

    /// The queue an outbox row waits in: its member's, else its organization's, else the program's.
    public static func lane(memberID: String?, organizationID: String?) -> String {
        if let memberID { return "member:\(memberID)" }
        if let organizationID { return "organization:\(organizationID)" }
        return "program"
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(String(id))), ("webhook_id", .string(webhookID)), ("outbox_seq", .int(outboxSeq)), ("kind", .string(kind)),
            ("member_id", .optional(memberID)), ("lane", .string(lane)), ("status", .string(status.rawValue)),
            ("attempts", .int(Int64(attempts))),
            ("last_response_status", lastResponseStatus.map { .int(Int64($0)) } ?? .null), ("last_error", .optional(lastError)),
            ("next_attempt_at", .optional(nextAttemptAt?.rfc3339)), ("first_attempt_at", .optional(firstAttemptAt?.rfc3339)),
            ("last_attempt_at", .optional(lastAttemptAt?.rfc3339)), ("delivered_at", .optional(deliveredAt?.rfc3339)),
            ("failed_at", .optional(failedAt?.rfc3339)), ("created_at", .string(createdAt.rfc3339)),
        ]))
    }
}

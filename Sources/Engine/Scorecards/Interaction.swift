/// One delivered piece of work by a supplier (a matter, an order, a ticket), as a buyer recorded
/// it: when it was due, started and completed, its ratings per dimension and flags. The tip is
/// kept apart and never part of any score.
public struct Interaction: Sendable, Equatable {
    /// Whether it counts in scores: not while a dispute about it is open, never once voided.
    public enum Status: String, Sendable, CaseIterable {
        case counted, disputed, voided
    }

    public struct Tip: Sendable, Equatable {
        public var amount: Int64
        public var currency: String

        public init(amount: Int64, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public var id: String
    public var supplierID: String
    public var templateID: String
    public var reference: String?
    public var dueAt: Timestamp?
    public var startedAt: Timestamp?
    public var completedAt: Timestamp
    /// Dimension → 1…5.
    public var ratings: [String: Int64]
    public var flags: [String]
    public var comment: String?
    /// The member of the buyer who rated it.
    public var ratedBy: String?
    public var tip: Tip?
    public var recordedAt: Timestamp
    /// Of the body as posted: the same id with another body is refused.
    public var fingerprint: String
    public var status: Status

    public init(
        id: String, supplierID: String, templateID: String, reference: String? = nil, dueAt: Timestamp? = nil, startedAt: Timestamp? = nil,
        completedAt: Timestamp, ratings: [String: Int64] = [:], flags: [String] = [], comment: String? = nil, ratedBy: String? = nil,
        tip: Tip? = nil, recordedAt: Timestamp, fingerprint: String = "", status: Status = .counted
    ) {
        self.status = status
        self.id = id
        self.supplierID = supplierID
        self.templateID = templateID
        self.reference = reference
        self.dueAt = dueAt
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.ratings = ratings
        self.flags = flags
        self.comment = comment
        self.ratedBy = ratedBy
        self.tip = tip
        self.recordedAt = recordedAt
        self.fingerprint = fingerprint
    }

    /// Hours late (negative: early), when it had a due time.
    public var hoursLate: Double? {
        dueAt.map { Double(completedAt.millisecondsSinceEpoch - $0.millisecondsSinceEpoch) / 3_600_000 }
    }

    /// Hours from start to completion, when it had a start.
    public var hoursTaken: Double? {
        startedAt.map { Double(completedAt.millisecondsSinceEpoch - $0.millisecondsSinceEpoch) / 3_600_000 }
    }

    /// What this interaction says about a KPI, on the KPI's own scale (0–100, or hours for
    /// duration); nil when it says nothing (no due time, no start, not rated on the dimension).
    public func sample(of kpi: ScorecardTemplate.KPI) -> Double? {
        switch kpi.kind {
        case .onTime: hoursLate.map { ScorecardTemplate.lateness(kpi.lateness, hoursLate: $0) }
        case .duration: hoursTaken
        case .rating: kpi.dimension.flatMap { ratings[$0] }.map { Double($0 - 1) * 25 }
        case .rate: kpi.flag.map { flags.contains($0) ? 100 : 0 }
        }
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("supplier_id", .string(supplierID)), ("template_id", .string(templateID)),
            ("reference", .optional(reference)), ("due_at", dueAt.map { .string($0.rfc3339) } ?? .null),
            ("started_at", startedAt.map { .string($0.rfc3339) } ?? .null), ("completed_at", .string(completedAt.rfc3339)),
            ("ratings", .object(JSONObject(ratings.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))),
            ("flags", .array(flags.map(JSONValue.string))), ("comment", .optional(comment)), ("rated_by", .optional(ratedBy)),
            ("tip", tip.map { .object(JSONObject([("amount", .int($0.amount)), ("currency", .string($0.currency))])) } ?? .null),
            ("recorded_at", .string(recordedAt.rfc3339)), ("status", .string(status.rawValue)),
        ]))
    }
}

/// The writable fields of a badge, validated from `PUT /v1/badges/{id}`.
public struct BadgeDraft: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var repeatable: Bool
    public var validUntil: Timestamp?
    public var criterion: BadgeCriterion?

    public init(
        name: String, description: String? = nil, repeatable: Bool = false, validUntil: Timestamp? = nil, criterion: BadgeCriterion? = nil
    ) {
        self.name = name
        self.description = description
        self.repeatable = repeatable
        self.validUntil = validUntil
        self.criterion = criterion
    }

    public static let descriptionBytesMax = 2_000
    /// A criterion counts at most this many events (about one a day for 27 years).
    public static let criterionCountMax: Int64 = 10_000

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> BadgeDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["id", "name", "description", "repeatable", "valid_until", "criterion"])
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let description = reader.string("description", required: false, rule: .text(max: descriptionBytesMax))
        let repeatable = reader.bool("repeatable", required: false) ?? false
        let validUntil = parseValidUntil(reader)
        let criterion = reader.object("criterion", required: false).flatMap { parseCriterion($0, reader) }
        try report.check()
        guard let name else { fatalError("required fields were reported") }
        return BadgeDraft(name: name, description: description, repeatable: repeatable, validUntil: validUntil, criterion: criterion)
    }

    private static func parseValidUntil(_ reader: FieldReader) -> Timestamp? {
        guard let text = reader.string("valid_until", required: false, rule: .text(max: 64)) else { return nil }
        guard let instant = RFC3339.parse(text) else {
            reader.report.add(reader.pathOf("valid_until"), "must be an RFC 3339 date-time such as 2026-12-31T23:59:59Z")
            return nil
        }
        return instant
    }

    /// `{"event_type": "quiz.passed", "count": 5, "period": "all"}`; period defaults to `all`.
    private static func parseCriterion(_ object: JSONObject, _ reader: FieldReader) -> BadgeCriterion? {
        let nested = FieldReader(object, path: reader.pathOf("criterion"), report: reader.report)
        nested.rejectUnknownKeys(["event_type", "count", "period"])
        var eventType = nested.string("event_type", required: true, rule: .text(max: EventTypeRule.bytesMax))
        if let type = eventType, let problem = EventTypeRule.problem(with: type) {
            nested.report.add(nested.pathOf("event_type"), problem)
            eventType = nil
        }
        let count = nested.integer("count", required: true, range: 1...criterionCountMax)
        let period = object["period"] == nil ? CounterPeriod.all : nested.choice("period", required: true, as: CounterPeriod.self)
        guard let eventType, let count, let period else { return nil }
        return BadgeCriterion(eventType: eventType, count: Int(count), period: period)
    }

    func badge(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> Badge {
        Badge(
            id: id, name: name, description: description, repeatable: repeatable, validUntil: validUntil, criterion: criterion,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

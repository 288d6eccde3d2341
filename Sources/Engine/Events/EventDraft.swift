/// An event as posted, validated from a `POST /v1/events` body (one element of a batch).
public struct EventDraft: Sendable, Equatable {
    public var id: String
    public var type: String
    public var memberID: String?
    public var organizationID: String?
    public var occurredAt: Timestamp
    public var properties: JSONObject
    public var fingerprint: String

    public static let propertiesCountMax = 100
    /// Integers anywhere in `properties` are amounts: exact, and bounded so that sums stay exact.
    public static let integerMagnitudeMax: Int64 = 1_000_000_000_000

    static let fields: Set<String> = ["id", "type", "member_id", "organization_id", "occurred_at", "properties"]

    /// Shape errors are reported first, all at once (400); only a well-formed event has its time
    /// checked against `window` (422).
    public static func parse(
        _ body: JSONValue, now: Timestamp, window: EventTimeWindow = EventTimeWindow()
    ) throws(DomainError) -> EventDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(fields)
        let id = reader.string("id", required: true, rule: .identifier)
        let type = eventType(reader)
        let memberID = reader.string("member_id", required: false, rule: .identifier)
        let organizationID = reader.string("organization_id", required: false, rule: .identifier)
        if isAbsent(reader.object["member_id"]), isAbsent(reader.object["organization_id"]) {
            report.add(reader.path, "needs a member_id, an organization_id, or both")
        }
        let occurredAt = time(reader, "occurred_at")
        let properties = self.properties(reader)
        try report.check()
        guard let id, let type else { fatalError("required fields were reported") }
        let sentAt = occurredAt.flatMap { $0 }
        if let sentAt, !window.accepts(sentAt, now: now) {
            throw .unprocessable([ValidationError(
                path: reader.pathOf("occurred_at"),
                message: "must be at most \(window.pastMs / 86_400_000) days in the past and "
                    + "\(window.futureMs / 60_000) minutes in the future (now is \(now.rfc3339))")])
        }
        return EventDraft(
            id: id, type: type, memberID: memberID, organizationID: organizationID, occurredAt: sentAt ?? now,
            properties: properties,
            fingerprint: EventFingerprint.of(
                id: id, type: type, memberID: memberID, organizationID: organizationID, occurredAt: sentAt,
                properties: properties))
    }

    /// The event as recorded now.
    public func event(organizationID: String?, receivedAt: Timestamp) -> Event {
        Event(
            id: id, type: type, memberID: memberID, organizationID: organizationID, occurredAt: occurredAt,
            receivedAt: receivedAt, properties: properties, fingerprint: fingerprint)
    }

    private static func isAbsent(_ value: JSONValue?) -> Bool { value == nil || value == .null }

    private static func eventType(_ reader: FieldReader) -> String? {
        guard let text = reader.string("type", required: true, rule: .text(max: EventTypeRule.bytesMax)) else { return nil }
        if let problem = EventTypeRule.problem(with: text) {
            reader.report.add(reader.pathOf("type"), problem)
            return nil
        }
        return text
    }

    /// nil when ill-formed (reported); `.some(nil)` when absent.
    private static func time(_ reader: FieldReader, _ key: String) -> Timestamp?? {
        guard let text = reader.string(key, required: false, rule: .text(max: 40)) else {
            return isAbsent(reader.object[key]) ? .some(nil) : nil
        }
        guard let timestamp = RFC3339.parse(text) else {
            reader.report.add(reader.pathOf(key), "must be an RFC 3339 date-time with an offset, such as 2026-11-23T14:05:09Z")
            return nil
        }
        return timestamp
    }
}

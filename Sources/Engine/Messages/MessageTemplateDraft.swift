/// The writable fields of a template, validated from `PUT /v1/message-templates/{trigger}`: every
/// placeholder must be one the trigger offers.
public struct MessageTemplateDraft: Sendable, Equatable {
    public var title: String
    public var body: String
    public var tips: [String]
    public var daysBefore: Int?

    public static let textBytesMax = 2_000
    public static let tipsMax = 50

    public static func parse(_ body: JSONValue, trigger: String) throws(DomainError) -> (MessageTemplate.Trigger, MessageTemplateDraft) {
        guard let kind = MessageTemplate.Trigger(rawValue: trigger) else {
            throw .notFound(kind: "message trigger", id: trigger)
        }
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["trigger", "title", "body", "tips", "placeholders", "days_before"])
        let title = reader.string("title", required: true, rule: .text(max: 200))
        let text = reader.string("body", required: true, rule: .text(max: textBytesMax))
        let tips = reader.stringList("tips", required: false, rule: .text(max: textBytesMax), countMax: tipsMax) ?? []
        let daysBefore = reader.integer("days_before", required: false, range: 1...365).map(Int.init)
        if reader.countGiven(["days_before"]) > 0, kind != .pointsExpiring {
            report.add(reader.pathOf("days_before"), "only points_expiring tells ahead of time")
        }
        for (key, value) in [("title", title), ("body", text)] {
            for name in MessageTemplate.placeholders(in: value ?? "") where !kind.placeholders.contains(name) {
                report.add(reader.pathOf(key), "unknown placeholder {{\(name)}}; \(kind.rawValue) offers \(kind.placeholders.joined(separator: ", "))")
            }
        }
        try report.check()
        guard let title, let text else { fatalError("required fields were reported") }
        return (kind, MessageTemplateDraft(title: title, body: text, tips: tips, daysBefore: kind == .pointsExpiring ? daysBefore : nil))
    }

    public func template(_ trigger: MessageTemplate.Trigger, createdAt: Timestamp, updatedAt: Timestamp) -> MessageTemplate {
        MessageTemplate(trigger: trigger, title: title, body: body, tips: tips, daysBefore: daysBefore, createdAt: createdAt, updatedAt: updatedAt)
    }
}

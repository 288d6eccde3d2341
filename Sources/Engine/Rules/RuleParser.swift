/// Validates a rule document when it is saved, reporting every problem with its JSON path at once.
public enum RuleParser {
    static let fields: Set<String> = ["id", "name", "on", "when", "then", "limits", "active", "priority", "description"]
    public static let priorityRange: ClosedRange<Int64> = -1_000_000...1_000_000

    /// `id`, when present in the body, must equal the id in the path.
    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> Rule {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(fields)
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let on = EffectParser.eventType(reader, "on")
        var conditions = ConditionParser(report: report)
        let when = reader.object["when"].flatMap { $0 == .null ? nil : conditions.parse($0, path: reader.pathOf("when")) }
        let then = EffectParser.parseList(reader.object["then"], path: reader.pathOf("then"), report: report)
        let limits = RuleLimit.parseList(reader.object["limits"], path: reader.pathOf("limits"), report: report)
        let active = activeWindow(reader)
        let priority = reader.integer("priority", required: false, range: priorityRange) ?? 0
        let description = reader.string("description", required: false, rule: .text(max: 2000))
        try report.check()
        guard let name, let on, let then, let limits, let active else { fatalError("problems were reported") }
        return Rule(
            id: id, name: name, on: on, when: when, then: then, limits: limits, active: active, priority: priority,
            description: description)
    }

    private static func activeWindow(_ reader: FieldReader) -> ActiveWindow? {
        guard reader.object["active"] != nil, reader.object["active"] != .null else { return ActiveWindow() }
        guard let object = reader.object("active", required: false) else { return nil }
        let window = FieldReader(object, path: reader.pathOf("active"), report: reader.report)
        window.rejectUnknownKeys(["from", "until"])
        let from = instant(window, "from")
        let until = instant(window, "until")
        if case .some(.some(let start)) = from, case .some(.some(let end)) = until, start >= end {
            reader.report.add(window.pathOf("until"), "must be after from")
            return nil
        }
        guard let from, let until else { return nil }
        return ActiveWindow(from: from, until: until)
    }

    /// `.some(nil)` when absent, nil when reported.
    static func instant(_ reader: FieldReader, _ key: String) -> Timestamp?? {
        guard reader.object[key] != nil, reader.object[key] != .null else { return .some(nil) }
        guard let text = reader.string(key, required: false, rule: .text(max: 40)) else { return nil }
        guard let instant = RFC3339.parse(text) else {
            reader.report.add(reader.pathOf(key), "must be an RFC 3339 date-time such as 2026-01-01T00:00:00Z")
            return nil
        }
        return .some(instant)
    }
}

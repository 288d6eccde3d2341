/// What to simulate: candidate rules, how they meet the live ones, and which stored events to
/// replay. Parsed and checked before any store is read; every problem is reported with its path
/// (a candidate's under `$.rules[i]`, exactly as `PUT /v1/rules/{id}` would report it under `$`).
public struct SimulationRequest: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Candidates join the live rules; a candidate with a live rule's id replaces it.
        case add
        /// Only the candidates run.
        case replace
    }

    public struct Candidate: Sendable {
        public var rule: Rule
        /// The document as sent (for the report's rule list).
        public var document: JSONValue
    }

    public var mode: Mode
    public var candidates: [Candidate]
    /// Inclusive.
    public var from: Timestamp
    /// Exclusive.
    public var to: Timestamp
    public var eventType: String?
    public var organizationID: String?
    /// How many members (and organizations) most affected to list.
    public var top: Int
    /// How many explained fires, and as many non-fires, to keep per rule.
    public var samples: Int

    static let fields: Set<String> = ["mode", "rules", "from", "to", "event_type", "organization_id", "top", "samples"]
    public static let topDefault: Int64 = 10
    public static let samplesDefault: Int64 = 3

    public static func parse(_ body: JSONValue, limits: SimulationLimits = .standard) throws(DomainError) -> SimulationRequest {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(fields)
        let mode = reader.choice("mode", required: true, as: Mode.self)
        let candidates = parseCandidates(reader, limits: limits)
        let from = instant(reader, "from")
        let to = instant(reader, "to")
        if let from, let to, from >= to { report.add(reader.pathOf("to"), "must be after from") }
        let eventType = reader.object["event_type"].flatMap { $0 == .null ? nil : EffectParser.eventType(reader, "event_type") }
        let organizationID = reader.string("organization_id", required: false, rule: .identifier)
        let top = reader.integer("top", required: false, range: 1...limits.topMax) ?? topDefault
        let samples = reader.integer("samples", required: false, range: 0...limits.samplesMax) ?? samplesDefault
        try report.check()
        guard let mode, let candidates, let from, let to else { fatalError("problems were reported") }
        try checkSpan(from, to, limits: limits)
        return SimulationRequest(
            mode: mode, candidates: candidates, from: from, to: to, eventType: eventType, organizationID: organizationID,
            top: Int(top), samples: Int(samples))
    }

    /// Each candidate is a whole rule document carrying its `id`, parsed by the rule language.
    private static func parseCandidates(_ reader: FieldReader, limits: SimulationLimits) -> [Candidate]? {
        let path = reader.pathOf("rules")
        guard let value = reader.object["rules"], value != .null else {
            reader.report.add(path, "is required (an empty array runs the live rules alone in mode add)")
            return nil
        }
        guard case .array(let documents) = value else {
            reader.report.add(path, "must be an array of rule documents, not \(value.typeName)")
            return nil
        }
        guard documents.count <= limits.candidatesMax else {
            reader.report.add(path, "must hold at most \(limits.candidatesMax) rules")
            return nil
        }
        var candidates: [Candidate] = []
        var seen: Set<String> = []
        for (index, document) in documents.enumerated() {
            let rulePath = "\(path)[\(index)]"
            guard case .string(let id)? = document.objectValue?["id"] else {
                reader.report.add(document.objectValue == nil ? rulePath : "\(rulePath).id",
                                  document.objectValue == nil ? "must be a rule document (an object)" : "is required: the rule's id")
                continue
            }
            if let problem = TextRule.identifier.problem(with: id) {
                reader.report.add("\(rulePath).id", problem)
                continue
            }
            guard seen.insert(id).inserted else {
                reader.report.add("\(rulePath).id", "another candidate already has the id \(id)")
                continue
            }
            do {
                candidates.append(Candidate(rule: try RuleParser.parse(document, id: id), document: document))
            } catch {
                guard case .invalid(let problems) = error.nested(under: rulePath) else { continue }
                for problem in problems { reader.report.add(problem.path, problem.message) }
            }
        }
        return candidates.count == documents.count ? candidates : nil
    }

    private static func instant(_ reader: FieldReader, _ key: String) -> Timestamp? {
        guard let text = reader.string(key, required: true, rule: .text(max: 40)) else { return nil }
        guard let instant = RFC3339.parse(text) else {
            reader.report.add(reader.pathOf(key), "must be an RFC 3339 date-time such as 2026-01-01T00:00:00Z")
            return nil
        }
        return instant
    }

    /// A well-formed range that is too long is refused as too large a job (422), like too many events.
    private static func checkSpan(_ from: Timestamp, _ to: Timestamp, limits: SimulationLimits) throws(DomainError) {
        let dayMilliseconds: Int64 = 86_400_000
        guard to.millisecondsSinceEpoch - from.millisecondsSinceEpoch > limits.rangeDaysMax * dayMilliseconds else { return }
        throw .unprocessable([ValidationError(path: "$.to", message: "the range may span at most \(limits.rangeDaysMax) days; narrow it")])
    }
}

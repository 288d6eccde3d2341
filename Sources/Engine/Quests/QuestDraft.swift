/// The writable fields of a quest, validated from `PUT /v1/quests/{id}`; every problem is reported
/// with its JSON path at once.
public struct QuestDraft: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var ordered: Bool
    public var enrollment: Quest.Enrollment
    public var steps: [Quest.Step]
    public var completion: [Effect]
    public var completionSource: JSONValue?
    public var audience: QuestAudience
    public var startsAt: Timestamp?
    public var endsAt: Timestamp?
    public var deadlineDays: Int64?

    public static let stepsMax = 20
    public static let stepCountMax: Int64 = 10_000
    public static let deadlineDaysMax: Int64 = 3650

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> QuestDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys([
            "id", "name", "description", "ordered", "enrollment", "steps", "completion", "audience", "starts_at", "ends_at", "deadline_days",
        ])
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let description = reader.string("description", required: false, rule: .text(max: LeaderboardDraft.descriptionBytesMax))
        let ordered = reader.bool("ordered", required: false) ?? false
        let enrollment = reader.object["enrollment"] == nil ? .automatic : reader.choice("enrollment", required: true, as: Quest.Enrollment.self)
        let steps = parseSteps(reader)
        let (completion, completionSource) = parseRewards(reader, "completion")
        let audience = QuestAudience.parse(reader)
        let startsAt = RuleParser.instant(reader, "starts_at")
        let endsAt = RuleParser.instant(reader, "ends_at")
        if case .some(.some(let start)) = startsAt, case .some(.some(let end)) = endsAt, start >= end {
            report.add(reader.pathOf("ends_at"), "must be after starts_at")
        }
        let deadlineDays = reader.integer("deadline_days", required: false, range: 1...deadlineDaysMax)
        try report.check()
        guard let name, let enrollment, let audience, let startsAt, let endsAt else { fatalError("problems were reported") }
        return QuestDraft(
            name: name, description: description, ordered: ordered, enrollment: enrollment, steps: steps, completion: completion,
            completionSource: completionSource, audience: audience, startsAt: startsAt, endsAt: endsAt, deadlineDays: deadlineDays)
    }

    /// `[{"id", "name"?, "match": {"type", "when"?}, "count"?, "reward"?}, …]`, ids unique.
    private static func parseSteps(_ reader: FieldReader) -> [Quest.Step] {
        guard let readers = reader.objectList("steps", count: 1...stepsMax, noun: "steps") else { return [] }
        var steps: [Quest.Step] = []
        for step in readers {
            step.rejectUnknownKeys(["id", "name", "match", "count", "reward"])
            let id = step.string("id", required: true, rule: .identifier)
            let name = step.string("name", required: false, rule: .text(max: 200))
            let count = step.integer("count", required: false, range: 1...stepCountMax) ?? 1
            let (reward, rewardSource) = parseRewards(step, "reward")
            let match = step.object("match", required: true).map { FieldReader($0, path: step.pathOf("match"), report: reader.report) }
            match?.rejectUnknownKeys(["type", "when"])
            let eventType = match.flatMap { EffectParser.eventType($0, "type") }
            var conditions = ConditionParser(report: reader.report)
            var whenSource: JSONValue?
            if let source = match?.object["when"], source != .null { whenSource = source }
            let when = match.flatMap { match in whenSource.flatMap { conditions.parse($0, path: match.pathOf("when")) } }
            guard let id, let eventType else { continue }
            if steps.contains(where: { $0.id == id }) { step.report.add(step.pathOf("id"), "duplicate step id \(id)") }
            steps.append(Quest.Step(
                id: id, name: name, eventType: eventType, when: when, whenSource: whenSource, count: count, reward: reward,
                rewardSource: rewardSource))
        }
        return steps
    }

    /// A step's `reward` or the quest's `completion`: effects of the rules language limited to what
    /// a quest can give — `award` (to the member or their organization), `badge` and `boost`.
    private static func parseRewards(_ reader: FieldReader, _ key: String) -> ([Effect], JSONValue?) {
        guard let source = reader.object[key], source != .null, source != .array([]) else { return ([], nil) }
        let path = reader.pathOf(key)
        guard let effects = EffectParser.parseList(source, path: path, report: reader.report) else { return ([], nil) }
        for (index, effect) in effects.enumerated() {
            switch effect {
            case .badge, .boost: continue
            case .award(let award):
                if case .member = award.to { continue }
                if case .organization = award.to { continue }
                reader.report.add("\(path)[\(index)].award.to", #"a quest awards "member" or "organization""#)
            case .notify, .tag, .quest:
                reader.report.add("\(path)[\(index)]", "a quest gives award, badge or boost effects")
            }
        }
        return (effects, source)
    }

    public func quest(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> Quest {
        Quest(
            id: id, name: name, description: description, ordered: ordered, enrollment: enrollment, steps: steps, completion: completion,
            completionSource: completionSource, audience: audience, startsAt: startsAt, endsAt: endsAt, deadlineDays: deadlineDays,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

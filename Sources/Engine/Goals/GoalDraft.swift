/// The writable fields of a goal, validated from `PUT /v1/goals/{id}`.
public struct GoalDraft: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var subject: Goal.Subject
    public var metric: LeaderboardMetric
    public var period: CounterPeriod
    public var levels: [Goal.Level]
    public var targetAttribute: String?

    public static let levelsMax = 10

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> GoalDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["id", "name", "description", "subject", "metric", "period", "levels", "target_attribute"])
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let description = reader.string("description", required: false, rule: .text(max: LeaderboardDraft.descriptionBytesMax))
        let subject = reader.choice("subject", required: true, as: Goal.Subject.self)
        let period = reader.choice("period", required: true, as: CounterPeriod.self)
        if let period, [.all, .rolling7Days, .rolling30Days].contains(period) {
            report.add(reader.pathOf("period"), "must be a calendar period: day, week, month, quarter or year")
        }
        var metric = reader.object("metric", required: true).flatMap {
            LeaderboardDraft.parseMetric(FieldReader($0, path: reader.pathOf("metric"), report: report), subject: .member)
        }
        if metric?.aggregate == .average || metric?.targetAttribute != nil {
            report.add(reader.pathOf("metric"), "a goal counts totals: no aggregate or target_attribute here (see the goal's target_attribute)")
            metric = nil
        }
        let targetAttribute = reader.string("target_attribute", required: false, rule: .word)
        let levels = parseLevels(reader, percent: targetAttribute != nil)
        try report.check()
        guard let name, let subject, let metric, let period else { fatalError("required fields were reported") }
        return GoalDraft(
            name: name, description: description, subject: subject, metric: metric, period: period, levels: levels,
            targetAttribute: targetAttribute)
    }

    /// `[{"id": "l1", "target": 1000, "badge": "…", "award": {"currency": "points", "amount": 50}}, …]`, targets
    /// rising; with a target attribute each level says `percent` instead of `target`.
    private static func parseLevels(_ reader: FieldReader, percent: Bool) -> [Goal.Level] {
        guard let readers = reader.objectList("levels", count: 1...levelsMax, noun: "levels") else { return [] }
        let targetKey = percent ? "percent" : "target"
        var levels: [Goal.Level] = []
        for level in readers {
            level.rejectUnknownKeys(["id", targetKey, "badge", "award"])
            let id = level.string("id", required: true, rule: .identifier)
            let target = level.integer(targetKey, required: true, range: 1...LedgerAmount.perPostingMax)
            let (badge, award) = RewardGrant.parse(level)
            guard let id, let target else { continue }
            if levels.contains(where: { $0.id == id }) { level.report.add(level.pathOf("id"), "duplicate level id \(id)") }
            if let last = levels.last, target <= last.target { level.report.add(level.pathOf(targetKey), "must be above the level before") }
            levels.append(Goal.Level(id: id, target: target, badge: badge, award: award))
        }
        return levels
    }

    public func goal(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> Goal {
        Goal(
            id: id, name: name, description: description, subject: subject, metric: metric, period: period, levels: levels,
            targetAttribute: targetAttribute, createdAt: createdAt, updatedAt: updatedAt)
    }

    public static func == (lhs: GoalDraft, rhs: GoalDraft) -> Bool {
        lhs.goal(id: "", createdAt: Timestamp(millisecondsSinceEpoch: 0), updatedAt: Timestamp(millisecondsSinceEpoch: 0))
            == rhs.goal(id: "", createdAt: Timestamp(millisecondsSinceEpoch: 0), updatedAt: Timestamp(millisecondsSinceEpoch: 0))
    }
}

/// The writable fields of a leaderboard, validated from `PUT /v1/leaderboards/{id}`.
public struct LeaderboardDraft: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var subject: Leaderboard.Subject
    public var metric: LeaderboardMetric
    public var period: CounterPeriod
    public var partition: LeaderboardPartition?
    public var filters: [LeaderboardFilter]
    public var prizes: [LeaderboardPrize]

    public static let descriptionBytesMax = 2_000
    public static let prizesMax = 10
    public static let prizeTopMax: Int64 = 100
    public static let filterValuesMax = 100

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> LeaderboardDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["id", "name", "description", "subject", "metric", "period", "partition_by", "filters", "on_close"])
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let description = reader.string("description", required: false, rule: .text(max: descriptionBytesMax))
        let subject = reader.choice("subject", required: true, as: Leaderboard.Subject.self)
        let period = reader.choice("period", required: true, as: CounterPeriod.self)
        let partition = reader.choice("partition_by", required: false, as: LeaderboardPartition.self)
        if let partition, let subject, !partition.applies(to: subject) {
            report.add(reader.pathOf("partition_by"), "a \(subject.rawValue) board cannot be partitioned by \(partition.rawValue)")
        }
        let metric = reader.object("metric", required: true).flatMap {
            parseMetric(FieldReader($0, path: reader.pathOf("metric"), report: report), subject: subject)
        }
        let filters = reader.object("filters", required: false).map {
            parseFilters(FieldReader($0, path: reader.pathOf("filters"), report: report), subject: subject)
        } ?? []
        let prizes = parsePrizes(reader, subject: subject, period: period)
        try report.check()
        guard let name, let subject, let metric, let period else { fatalError("required fields were reported") }
        return LeaderboardDraft(
            name: name, description: description, subject: subject, metric: metric, period: period,
            partition: partition, filters: filters, prizes: prizes)
    }

    /// `{"currency": "points"}`, `{"event_type": "deal.closed"}` (a count) or
    /// `{"event_type": "sale", "sum": "amount"}`; `aggregate` (`sum` or, for team and organization
    /// boards, `average`); `target_attribute` (member boards: the score as % of that attribute).
    static func parseMetric(_ reader: FieldReader, subject: Leaderboard.Subject?) -> LeaderboardMetric? {
        reader.rejectUnknownKeys(["currency", "event_type", "sum", "aggregate", "target_attribute"])
        let source: LeaderboardMetric.Source?
        switch (reader.countGiven(["currency"]), reader.countGiven(["event_type"])) {
        case (1, 0):
            if reader.countGiven(["sum"]) > 0 { reader.report.add(reader.pathOf("sum"), "sums need an event_type, not a currency") }
            source = reader.string("currency", required: true, rule: .identifier).map { .currency($0) }
        case (0, 1):
            var type = reader.string("event_type", required: true, rule: .text(max: EventTypeRule.bytesMax))
            if let given = type, let problem = EventTypeRule.problem(with: given) {
                reader.report.add(reader.pathOf("event_type"), problem)
                type = nil
            }
            let property = reader.string("sum", required: false, rule: .word)
            source = type.map { type in property.map { .propertySum(type: type, property: $0) } ?? .eventCount(type: type) }
        default:
            reader.report.add(reader.path, "must name exactly one of currency or event_type")
            source = nil
        }
        let aggregate = reader.choice("aggregate", required: false, as: LeaderboardMetric.Aggregate.self) ?? .sum
        if aggregate == .average, subject == .member {
            reader.report.add(reader.pathOf("aggregate"), "average is for team and organization boards")
        }
        let target = reader.string("target_attribute", required: false, rule: .word)
        if target != nil, let subject, subject != .member {
            reader.report.add(reader.pathOf("target_attribute"), "individual targets are for member boards")
        }
        return source.map { LeaderboardMetric(source: $0, aggregate: aggregate, targetAttribute: target) }
    }

    /// `{"role": ["sales"], "organization_kind": ["partner"], …}`, keys as for partition_by.
    private static func parseFilters(_ reader: FieldReader, subject: Leaderboard.Subject?) -> [LeaderboardFilter] {
        reader.rejectUnknownKeys(Set(LeaderboardPartition.allCases.map(\.rawValue)))
        var filters: [LeaderboardFilter] = []
        for field in LeaderboardPartition.allCases where reader.countGiven([field.rawValue]) > 0 {
            if let subject, !field.applies(to: subject) {
                reader.report.add(reader.pathOf(field.rawValue), "a \(subject.rawValue) board cannot filter on \(field.rawValue)")
            }
            guard let values = reader.stringList(field.rawValue, required: true, rule: .text(max: 200), countMax: filterValuesMax) else { continue }
            if values.isEmpty { reader.report.add(reader.pathOf(field.rawValue), "must list at least one value") }
            filters.append(LeaderboardFilter(field: field, values: values))
        }
        return filters
    }

    /// `"on_close": [{"top": 1, "badge": "top-performer"}, {"top": 3, "award": {"currency": "points", "amount": 500}}]`:
    /// calendar periods only (a rolling window and all time never close); badges on member boards.
    private static func parsePrizes(_ reader: FieldReader, subject: Leaderboard.Subject?, period: CounterPeriod?) -> [LeaderboardPrize] {
        guard let value = reader.object["on_close"], value != .null else { return [] }
        guard let readers = reader.objectList("on_close", count: 0...prizesMax, noun: "prizes"), !readers.isEmpty else { return [] }
        let path = reader.pathOf("on_close")
        if let period, [.all, .rolling7Days, .rolling30Days].contains(period) {
            reader.report.add(path, "only boards with calendar periods (day, week, month, quarter, year) close periods")
        }
        if subject == .team { reader.report.add(path, "team boards give no prizes; rank members or organizations") }
        var prizes: [LeaderboardPrize] = []
        for prize in readers {
            prize.rejectUnknownKeys(["top", "badge", "award"])
            let top = prize.integer("top", required: true, range: 1...prizeTopMax)
            let (badge, award) = RewardGrant.parse(prize)
            if badge != nil, subject == .organization { prize.report.add(prize.pathOf("badge"), "badges are for members") }
            if badge == nil, prize.countGiven(["award"]) == 0 { prize.report.add(prize.path, "must give a badge or an award") }
            if let top { prizes.append(LeaderboardPrize(top: Int(top), badge: badge, award: award)) }
        }
        return prizes
    }

    public func leaderboard(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> Leaderboard {
        Leaderboard(
            id: id, name: name, description: description, subject: subject, metric: metric, period: period,
            partition: partition, filters: filters, prizes: prizes, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A supplier's scorecard, seen by whoever may see the supplier, with its rank and percentile among
/// the template's suppliers (numbers only: never another supplier's name or score); the whole
/// ranking for keys that read the whole program.
public enum ScorecardCommands {
    /// Past months shown in a scorecard's trend.
    public static let trendMonths = 3

    /// Under `templateID`, or the template of the supplier's latest interaction.
    public static func view(
        supplierID: String, templateID: String?, as principal: Principal, now: Timestamp, timeZone: ProgramTimeZone = .utc,
        in store: any StoreReader
    ) throws -> JSONValue {
        guard principal.canSee(organizationID: supplierID), try store.organization(id: supplierID) != nil else {
            throw DomainError.notFound(kind: "organization", id: supplierID)
        }
        guard let id = try templateID ?? store.latestInteractionTemplate(supplierID: supplierID) else {
            throw DomainError.notFound(kind: "scorecard", id: supplierID)
        }
        let ranking = try ScorecardRanking.rank(templateID: id, now: now, in: store)
        let card = ranking.entries.first { $0.scorecard.supplierID == supplierID }?.scorecard
            ?? Scorecard.compute(ranking.template, supplierID: supplierID, interactions: [], now: now)
        guard case .object(var document) = card.json else { return card.json }
        document["lower_bound"] = Scorecard.rounded(ScorecardRanking.lowerBound(of: card))
        document["trend"] = .array(try trend(of: supplierID, template: ranking.template, now: now, timeZone: timeZone, in: store))
        document["standing"] = ranking.standing(of: supplierID).map { standing in
            .object(JSONObject([
                ("rank", .int(Int64(standing.rank))), ("peers", .int(Int64(standing.peers))),
                ("percentile", Scorecard.rounded(standing.percentile)),
            ]))
        } ?? .null
        return .object(document)
    }

    /// The scorecard as it stood at the end of each of the last `trendMonths` months (program time
    /// zone), oldest first: the overall score, band and each KPI's value and score then. Computed
    /// from the interactions as they now count (a dispute decided since changes the past too).
    static func trend(
        of supplierID: String, template: ScorecardTemplate, now: Timestamp, timeZone: ProgramTimeZone, in store: any StoreReader
    ) throws -> [JSONValue] {
        var ends: [(name: String, end: Timestamp)] = []
        var month = CalendarWindow.containing(now, period: .month, in: timeZone)
        for _ in 0..<trendMonths {
            let previous = CalendarWindow.containing(month.start.adding(milliseconds: -1), period: .month, in: timeZone)
            let name = LeaderboardPeriodKey.containing(day: timeZone.localDay(of: previous.start), kind: .month).name
            ends.insert((name, month.start), at: 0)
            month = previous
        }
        guard let earliest = ends.first?.end else { return [] }
        let interactions = try store.interactions(
            supplierID: supplierID, templateID: template.id, completedFrom: earliest.adding(milliseconds: -template.windowDays * 86_400_000))
        return ends.map { period in
            let card = Scorecard.compute(template, supplierID: supplierID, interactions: interactions, now: period.end.adding(milliseconds: -1))
            return .object(JSONObject([
                ("period", .string(period.name)), ("overall", Scorecard.rounded(card.overall)), ("band", card.band.map { .string($0.id) } ?? .null),
                ("interactions", .int(Int64(card.interactions))),
                ("kpis", .object(JSONObject(card.kpis.map { ($0.kpi.id, .object(JSONObject([
                    ("value", Scorecard.rounded($0.value)), ("score", Scorecard.rounded($0.score))]))) }))),
            ]))
        }
    }

    /// Every supplier scored under the template, best lower bound first (admin, integration and viewer keys).
    public static func ranking(templateID: String, now: Timestamp, in store: any StoreReader) throws -> JSONValue {
        let ranking = try ScorecardRanking.rank(templateID: templateID, now: now, in: store)
        var names: [String: String] = [:]
        for entry in ranking.entries { names[entry.scorecard.supplierID] = try store.organization(id: entry.scorecard.supplierID)?.name }
        return .object(JSONObject([
            ("template_id", .string(ranking.template.id)),
            ("items", .array(ranking.entries.map { entry in
                let card = entry.scorecard
                return .object(JSONObject([
                    ("rank", .int(Int64(entry.rank))), ("supplier", .object(JSONObject([
                        ("id", .string(card.supplierID)), ("name", .optional(names[card.supplierID]))]))),
                    ("lower_bound", Scorecard.rounded(entry.lowerBound)), ("overall", Scorecard.rounded(card.overall)),
                    ("band", card.band.map { .string($0.id) } ?? .null),
                    ("recommendation", card.band.map { .string($0.recommendation.rawValue) } ?? .null),
                    ("interactions", .int(Int64(card.interactions))), ("provisional", .bool(card.provisional)),
                ]))
            })),
        ]))
    }
}

/// A supplier's scorecard, seen by whoever may see the supplier, with its rank and percentile among
/// the template's suppliers (numbers only: never another supplier's name or score); the whole
/// ranking for keys that read the whole program.
public enum ScorecardCommands {
    /// Past months shown in a scorecard's trend.
    public static let trendMonths = 3

    /// Under `templateID`, or the template of the supplier's latest interaction; at `period`, the
    /// snapshot kept when that period closed.
    public static func view(
        supplierID: String, templateID: String?, period: String? = nil, as principal: Principal, now: Timestamp, index: ScorecardIndex,
        in store: any StoreReader
    ) throws -> JSONValue {
        guard principal.canSee(organizationID: supplierID), try store.organization(id: supplierID) != nil else {
            throw DomainError.notFound(kind: "organization", id: supplierID)
        }
        guard let id = try templateID ?? store.latestInteractionTemplate(supplierID: supplierID) else {
            throw DomainError.notFound(kind: "scorecard", id: supplierID)
        }
        let template = try ScorecardTemplateCommands.get(id, in: store)
        try checkPeriod(period)
        if let period { return try past(supplierID: supplierID, template: template, period: period, in: store) }
        let (current, ranking) = try index.scorecard(of: supplierID, template, now: now, in: store)
        let card = current ?? Scorecard.compute(template, supplierID: supplierID, interactions: [], now: now)
        guard case .object(var document) = Self.document(of: card) else { return card.json }
        document["trend"] = .array(try trend(of: supplierID, template: template, in: store))
        document["standing"] = ranking.standing(of: supplierID).map { standing in
            .object(JSONObject([
                ("rank", .int(Int64(standing.rank))), ("peers", .int(Int64(standing.peers))),
                ("percentile", Scorecard.rounded(standing.percentile)),
            ]))
        } ?? .null
        return .object(document)
    }

    /// A period names a month, as `2026-10`.
    static func checkPeriod(_ period: String?) throws {
        guard let period, LeaderboardPeriodKey.parse(period, kind: .month)?.name != period else { return }
        throw DomainError.invalid([ValidationError(path: "query.period", message: "must be a month, as 2026-10")])
    }

    /// The scorecard's JSON with its lower bound: what a snapshot keeps.
    static func document(of card: Scorecard) -> JSONValue {
        guard case .object(var document) = card.json else { return card.json }
        document["lower_bound"] = Scorecard.rounded(ScorecardRanking.lowerBound(of: card))
        return .object(document)
    }

    /// The supplier's scorecard as kept when `period` closed.
    static func past(supplierID: String, template: ScorecardTemplate, period: String, in store: any StoreReader) throws -> JSONValue {
        guard let snapshots = try store.scorecardSnapshots(templateID: template.id, period: period) else {
            throw DomainError.notFound(kind: "scorecard period", id: period)
        }
        guard let snapshot = snapshots.first(where: { $0.supplierID == supplierID }), case .object(var document) = snapshot.scorecard else {
            throw DomainError.notFound(kind: "scorecard", id: "\(supplierID) in \(period)")
        }
        document["period"] = .string(period)
        document["standing"] = snapshot.standing
        return .object(document)
    }

    /// The supplier's last `trendMonths` period snapshots, oldest first: each period's overall
    /// score, band, standing and KPI values and scores, as they were shown when it closed.
    static func trend(of supplierID: String, template: ScorecardTemplate, in store: any StoreReader) throws -> [JSONValue] {
        try store.scorecardSnapshots(supplierID: supplierID, templateID: template.id, limit: trendMonths).reversed().map { snapshot in
            let card = snapshot.scorecard.objectValue ?? JSONObject()
            let kpis = (card["kpis"]?.arrayValue ?? []).compactMap { kpi -> (String, JSONValue)? in
                guard let object = kpi.objectValue, let id = object["id"]?.stringValue else { return nil }
                return (id, .object(JSONObject([("value", object["value"] ?? .null), ("score", object["score"] ?? .null)])))
            }
            return .object(JSONObject([
                ("period", .string(snapshot.period)), ("overall", card["overall"] ?? .null), ("band", card["band"] ?? .null),
                ("interactions", card["interactions"] ?? .null), ("standing", snapshot.standing), ("kpis", .object(JSONObject(kpis))),
            ]))
        }
    }

    typealias RankingRow = (rank: Int, supplierID: String, card: JSONValue)

    /// The whole current ranking under a template, best first, with names (admin, integration
    /// and viewer keys), as `render` makes its bytes (`format` names it): reused for a moment
    /// while nothing it shows changed (`ScorecardIndex.rendered`).
    public static func ranking(
        templateID: String, format: String = "json", now: Timestamp, index: ScorecardIndex, in store: any StoreReader,
        render: (JSONValue) throws -> [UInt8] = JSONWriter.bytes
    ) throws -> [UInt8] {
        let template = try ScorecardTemplateCommands.get(templateID, in: store)
        return try index.rendered(template, format: format, now: now, in: store) { ranking in
            try render(document(template: template, period: nil, rows: rows(of: ranking)[...], in: store))
        }
    }

    /// A page of the ranking (the whole of it without `page`), at `period` the one kept when that
    /// period closed; the key of the page after it, if any.
    public static func ranking(
        templateID: String, period: String?, page: PageRequest?, now: Timestamp, index: ScorecardIndex, in store: any StoreReader
    ) throws -> (document: JSONValue, nextAfter: String?) {
        try checkPeriod(period)
        let template = try ScorecardTemplateCommands.get(templateID, in: store)
        let rows: [RankingRow]
        if let period {
            guard let snapshots = try store.scorecardSnapshots(templateID: template.id, period: period) else {
                throw DomainError.notFound(kind: "scorecard period", id: period)
            }
            rows = snapshots.map { ($0.rank, $0.supplierID, $0.scorecard) }
        } else {
            rows = self.rows(of: try index.ranking(template, now: now, in: store))
        }
        guard let page else { return (try document(template: template, period: period, rows: rows[...], in: store), nil) }
        // The key is the position of the next row: rankings have no other stable key between reads.
        let start: Int? = page.after == nil ? 0 : page.after.flatMap { Int($0) }
        guard let start, start >= 0 else {
            throw DomainError.invalid([ValidationError(path: "query.cursor", message: "is not a cursor of this ranking")])
        }
        let end = min(rows.count, start + page.limit)
        let slice = rows[min(start, end)..<end]
        return (try document(template: template, period: period, rows: slice, in: store), end < rows.count ? String(end) : nil)
    }

    private static func rows(of ranking: ScorecardRanking) -> [RankingRow] {
        ranking.entries.map { entry in
            (entry.rank, entry.supplierID, .object(JSONObject([
                ("lower_bound", Scorecard.rounded(entry.lowerBound)), ("overall", Scorecard.rounded(entry.overall)),
                ("band", entry.band.map { .string($0.id) } ?? .null),
                ("recommendation", entry.band.map { .string($0.recommendation.rawValue) } ?? .null),
                ("interactions", .int(Int64(entry.interactions))), ("provisional", .bool(entry.provisional)),
            ])))
        }
    }

    /// The ranking's answer: each row's rank, supplier with its name, and what the ranking shows.
    private static func document(
        template: ScorecardTemplate, period: String?, rows: ArraySlice<RankingRow>, in store: any StoreReader
    ) throws -> JSONValue {
        let names = try store.organizationNames(ids: rows.map(\.supplierID))
        var document = JSONObject([("template_id", .string(template.id))])
        if let period { document["period"] = .string(period) }
        document["items"] = .array(rows.map { row in
            let card = row.card.objectValue ?? JSONObject()
            return .object(JSONObject([
                ("rank", .int(Int64(row.rank))),
                ("supplier", .object(JSONObject([("id", .string(row.supplierID)), ("name", .optional(names[row.supplierID]))]))),
                ("lower_bound", card["lower_bound"] ?? .null), ("overall", card["overall"] ?? .null), ("band", card["band"] ?? .null),
                ("recommendation", card["recommendation"] ?? .null), ("interactions", card["interactions"] ?? .null),
                ("provisional", card["provisional"] ?? .null),
            ]))
        })
        document["next_cursor"] = .null
        return .object(document)
    }
}

/// The writable fields of a scorecard template, validated from `PUT /v1/scorecard-templates/{id}`;
/// every problem is reported with its JSON path at once.
public struct ScorecardTemplateDraft: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var kpis: [ScorecardTemplate.KPI]
    public var windowDays: Int64
    public var halfLifeDays: Int64?
    public var prior: ScorecardTemplate.Prior?
    public var minInteractions: Int64
    public var bands: [ScorecardTemplate.Band]

    public static let kpisMax = 20
    public static let bandsMax = 10
    public static let latenessPointsMax = 20
    public static let daysMax: Int64 = 3650
    public static let minInteractionsDefault: Int64 = 5
    /// Duration targets and floors, in hours (a year).
    static let hoursMax: Int64 = 8760

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> ScorecardTemplateDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["id", "name", "description", "kpis", "window_days", "half_life_days", "prior", "min_interactions", "bands"])
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let description = reader.string("description", required: false, rule: .text(max: LeaderboardDraft.descriptionBytesMax))
        let kpis = parseKPIs(reader)
        let windowDays = reader.integer("window_days", required: true, range: 1...daysMax)
        let halfLifeDays = reader.integer("half_life_days", required: false, range: 1...daysMax)
        let prior = reader.object("prior", required: false).flatMap { object -> ScorecardTemplate.Prior? in
            let prior = FieldReader(object, path: reader.pathOf("prior"), report: report)
            prior.rejectUnknownKeys(["mean", "weight"])
            let mean = prior.integer("mean", required: true, range: 0...100)
            let weight = prior.integer("weight", required: true, range: 0...10_000)
            guard let mean, let weight else { return nil }
            return ScorecardTemplate.Prior(mean: mean, weight: weight)
        }
        let minInteractions = reader.integer("min_interactions", required: false, range: 0...10_000) ?? minInteractionsDefault
        let bands = parseBands(reader)
        try report.check()
        guard let name, let windowDays else { fatalError("problems were reported") }
        return ScorecardTemplateDraft(
            name: name, description: description, kpis: kpis, windowDays: windowDays, halfLifeDays: halfLifeDays, prior: prior,
            minInteractions: minInteractions, bands: bands)
    }

    /// `[{"id", "kind", "weight", "target", "floor"?, "dimension"? (rating), "flag"? (rate), "lateness"? (on_time)}]`.
    private static func parseKPIs(_ reader: FieldReader) -> [ScorecardTemplate.KPI] {
        guard let readers = reader.objectList("kpis", count: 1...kpisMax, noun: "KPIs") else { return [] }
        var kpis: [ScorecardTemplate.KPI] = []
        for kpi in readers {
            let kind = kpi.choice("kind", required: true, as: ScorecardTemplate.KPI.Kind.self)
            var allowed: Set<String> = ["id", "kind", "weight", "target", "floor"]
            switch kind {
            case .rating: allowed.insert("dimension")
            case .rate: allowed.insert("flag")
            case .onTime: allowed.insert("lateness")
            case .duration, nil: break
            }
            kpi.rejectUnknownKeys(allowed)
            let id = kpi.string("id", required: true, rule: .identifier)
            let weight = kpi.integer("weight", required: true, range: 1...1000)
            let valueRange: ClosedRange<Int64> = kind == .duration ? 0...hoursMax : 0...100
            let target = kpi.integer("target", required: true, range: valueRange)
            let floor = kpi.integer("floor", required: kind == .duration, range: valueRange) ?? (kind == .rate ? 100 : 0)
            let dimension = kind == .rating ? kpi.string("dimension", required: true, rule: .word) : nil
            let flag = kind == .rate ? kpi.string("flag", required: true, rule: .word) : nil
            let lateness = kind == .onTime ? parseLateness(kpi) : []
            if let target, target == floor { kpi.report.add(kpi.pathOf("floor"), "must differ from the target") }
            guard let id, let kind, let weight, let target else { continue }
            if kpis.contains(where: { $0.id == id }) { kpi.report.add(kpi.pathOf("id"), "duplicate KPI id \(id)") }
            kpis.append(ScorecardTemplate.KPI(
                id: id, kind: kind, weight: weight, target: target, floor: floor, dimension: dimension, flag: flag, lateness: lateness))
        }
        return kpis
    }

    /// `[{"hours_late": 24, "score": 50}, {"hours_late": 72, "score": 0}]`: hours rising, scores not.
    private static func parseLateness(_ kpi: FieldReader) -> [ScorecardTemplate.LatenessPoint] {
        guard let given = kpi.object["lateness"], given != .null, given != .array([]) else { return [] }
        guard let readers = kpi.objectList("lateness", count: 1...latenessPointsMax, noun: "points") else { return [] }
        var points: [ScorecardTemplate.LatenessPoint] = []
        for point in readers {
            point.rejectUnknownKeys(["hours_late", "score"])
            let hours = point.integer("hours_late", required: true, range: 1...hoursMax)
            let score = point.integer("score", required: true, range: 0...100)
            guard let hours, let score else { continue }
            if let last = points.last {
                if hours <= last.hoursLate { point.report.add(point.pathOf("hours_late"), "must be above the point before") }
                if score > last.score { point.report.add(point.pathOf("score"), "must not be above the point before") }
            }
            points.append(ScorecardTemplate.LatenessPoint(hoursLate: hours, score: score))
        }
        return points
    }

    /// Highest `min` first, the last at 0, so that every score 0–100 falls in exactly one band. A
    /// band without a recommendation gets the one its place suggests: the top band `expand`, the
    /// bottom one `re_tender`, the one above the bottom (of three or more) `renew_with_improvement_plan`,
    /// the others `renew` — the four of a preferred / approved / at risk / probation ladder.
    private static func parseBands(_ reader: FieldReader) -> [ScorecardTemplate.Band] {
        guard let readers = reader.objectList("bands", count: 1...bandsMax, noun: "bands") else { return [] }
        var bands: [(id: String, min: Int64, recommendation: ScorecardTemplate.Band.Recommendation?)] = []
        for band in readers {
            band.rejectUnknownKeys(["id", "min", "recommendation"])
            let id = band.string("id", required: true, rule: .identifier)
            let min = band.integer("min", required: true, range: 0...100)
            let recommendation = band.choice("recommendation", required: false, as: ScorecardTemplate.Band.Recommendation.self)
            guard let id, let min else { continue }
            if bands.contains(where: { $0.id == id }) { band.report.add(band.pathOf("id"), "duplicate band id \(id)") }
            if let last = bands.last, min >= last.min { band.report.add(band.pathOf("min"), "must be below the band before") }
            bands.append((id, min, recommendation))
        }
        if let last = bands.last, last.min != 0 {
            reader.report.add("\(reader.pathOf("bands"))[\(bands.count - 1)].min", "the last band must start at 0, so that every score has a band")
        }
        return bands.enumerated().map { index, band in
            ScorecardTemplate.Band(
                id: band.id, min: band.min, recommendation: band.recommendation ?? defaultRecommendation(at: index, of: bands.count))
        }
    }

    static func defaultRecommendation(at index: Int, of count: Int) -> ScorecardTemplate.Band.Recommendation {
        if index == count - 1 { return count == 1 ? .renew : .reTender }
        if index == 0 { return .expand }
        return index == count - 2 ? .renewWithImprovementPlan : .renew
    }

    public func template(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> ScorecardTemplate {
        ScorecardTemplate(
            id: id, name: name, description: description, kpis: kpis, windowDays: windowDays, halfLifeDays: halfLifeDays, prior: prior,
            minInteractions: minInteractions, bands: bands, createdAt: createdAt, updatedAt: updatedAt)
    }
}

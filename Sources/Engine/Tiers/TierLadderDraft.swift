/// The writable fields of a tier ladder, validated from `PUT /v1/tier-ladders/{id}`. That the
/// currency exists is checked when writing (422), not here.
public struct TierLadderDraft: Sendable, Equatable {
    public var name: String?
    public var subject: TierSubject
    public var currency: String
    public var window: TierWindow
    public var levels: [TierLevel]
    public var downgrade: TierDowngrade

    public static let levelsRange = 2...20
    public static let benefitsCountMax = 20
    public static let thresholdMax: Int64 = 1_000_000_000_000
    public static let graceDaysMax: Int64 = 365
    public static let criteriaCountMax = 10

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> TierLadderDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["id", "name", "subject", "currency", "window", "levels", "downgrade"])
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: false, rule: .text(max: 200))
        let subject = reader.choice("subject", required: true, as: TierSubject.self)
        let currency = reader.string("currency", required: true, rule: .identifier)
        let window = parseWindow(reader)
        let levels = parseLevels(reader)
        let downgrade = reader.object("downgrade", required: false).map { parseDowngrade($0, reader) } ?? TierDowngrade()
        if subject == .member { checkMemberCriteria(reader.object["levels"], report: report) }
        try report.check()
        guard let subject, let currency, let window, let levels, let downgrade else { fatalError("required fields were reported") }
        return TierLadderDraft(name: name, subject: subject, currency: currency, window: window, levels: levels, downgrade: downgrade)
    }

    /// Counting members with a badge only means something for an organization. Read from the
    /// document, so that it is reported even when other parts of the levels are wrong.
    private static func checkMemberCriteria(_ levels: JSONValue?, report: ValidationReport) {
        for (index, level) in (levels?.arrayValue ?? []).enumerated() {
            for (position, criterion) in (level.objectValue?["criteria"]?.arrayValue ?? []).enumerated()
            where criterion.objectValue?["members_with_badge"] != nil {
                report.add("$.levels[\(index)].criteria[\(position)].members_with_badge", "applies only to organization ladders")
            }
        }
    }

    private static func parseWindow(_ reader: FieldReader) -> TierWindow? {
        guard let text = reader.string("window", required: true, rule: .word) else { return nil }
        guard let window = TierWindow(rawValue: text) else {
            reader.report.add(reader.pathOf("window"), "must be \"lifetime\", \"calendar_year\" or \"rolling_Nd\" with N from 1 to 730")
            return nil
        }
        return window
    }

    private static func parseLevels(_ reader: FieldReader) -> [TierLevel]? {
        let path = reader.pathOf("levels")
        guard let value = reader.object["levels"], value != .null else {
            reader.report.add(path, "is required")
            return nil
        }
        guard case .array(let elements) = value else {
            reader.report.add(path, "must be an array of levels, not \(value.typeName)")
            return nil
        }
        guard levelsRange.contains(elements.count) else {
            reader.report.add(path, "must have from \(levelsRange.lowerBound) to \(levelsRange.upperBound) levels")
            return nil
        }
        var levels: [PartialLevel] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let object) = element else {
                reader.report.add("\(path)[\(index)]", "must be an object, not \(element.typeName)")
                levels.append(PartialLevel())
                continue
            }
            levels.append(parseLevel(FieldReader(object, path: "\(path)[\(index)]", report: reader.report)))
        }
        checkOrder(levels, path: path, report: reader.report)
        let parsed = levels.compactMap(\.level)
        return parsed.count == levels.count ? parsed : nil
    }

    /// What of a level parsed, so that ids and thresholds are checked even when benefits are not.
    private struct PartialLevel {
        var id: String?
        var threshold: Int64?
        /// nil when the level has a threshold instead, or its criteria did not parse.
        var criteria: [TierCriterion]?
        var usesCriteria = false
        var benefits: TierBenefits?

        var level: TierLevel? {
            guard let id, let benefits else { return nil }
            if usesCriteria {
                guard let criteria else { return nil }
                return TierLevel(id: id, threshold: 0, criteria: criteria, benefits: benefits)
            }
            guard let threshold else { return nil }
            return TierLevel(id: id, threshold: threshold, benefits: benefits)
        }
    }

    private static func parseLevel(_ reader: FieldReader) -> PartialLevel {
        reader.rejectUnknownKeys(["id", "threshold", "criteria", "benefits"])
        let id = reader.string("id", required: true, rule: .identifier)
        let hasCriteria = reader.object["criteria"].map { $0 != .null } ?? false
        var threshold: Int64?
        var criteria: [TierCriterion]?
        if hasCriteria {
            if reader.object["threshold"].map({ $0 != .null }) ?? false {
                reader.report.add(reader.pathOf("threshold"), "give either threshold or criteria, not both")
            }
            criteria = TierCriteriaParser.parse(reader)
        } else {
            threshold = reader.integer("threshold", required: true, range: 0...thresholdMax)
        }
        var benefits: TierBenefits? = TierBenefits()
        if let object = reader.object("benefits", required: false) {
            benefits = parseBenefits(FieldReader(object, path: reader.pathOf("benefits"), report: reader.report))
        } else if let value = reader.object["benefits"], value != .null {
            benefits = nil  // reported as not an object
        }
        return PartialLevel(id: id, threshold: threshold, criteria: criteria, usesCriteria: hasCriteria, benefits: benefits)
    }

    private static func parseBenefits(_ reader: FieldReader) -> TierBenefits? {
        reader.rejectUnknownKeys(["multiplier", "list"])
        var valid = true
        var perMille: Int64?
        if let value = reader.object["multiplier"], value != .null {
            perMille = multiplierPerMille(value)
            if perMille == nil {
                reader.report.add(reader.pathOf("multiplier"), "must be a number from 1.0 to 10.0 with at most 3 decimals")
                valid = false
            }
        }
        let list = reader.stringList("list", required: false, rule: .text(max: 200), countMax: benefitsCountMax)
        if reader.object["list"] != nil, reader.object["list"] != .null, list == nil { valid = false }
        return valid ? TierBenefits(multiplierPerMille: perMille, list: list ?? []) : nil
    }

    /// 1.25 → 1250, exactly; nil outside 1.0…10.0 or with more than 3 decimals.
    public static func multiplierPerMille(_ value: JSONValue) -> Int64? {
        let perMille: Int64
        switch value {
        case .int(let whole):
            guard (1...10).contains(whole) else { return nil }
            perMille = whole * 1_000
        case .double(let number):
            guard number.isFinite, number >= 1, number <= 10 else { return nil }
            let scaled = (number * 1_000).rounded()
            guard abs(scaled - number * 1_000) < 1e-6 else { return nil }
            perMille = Int64(scaled)
        default:
            return nil
        }
        return TierMultiplier.perMilleRange.contains(perMille) ? perMille : nil
    }

    private static func checkOrder(_ levels: [PartialLevel], path: String, report: ValidationReport) {
        var seen: Set<String> = []
        var previous: Int64?
        for (index, level) in levels.enumerated() {
            if let id = level.id, !seen.insert(id).inserted { report.add("\(path)[\(index)].id", "duplicate level id \"\(id)\"") }
            if index == 0, level.usesCriteria { report.add("\(path)[0].criteria", "the first level is everyone's: give it threshold 0") }
            guard let threshold = level.threshold else { previous = nil; continue }
            if index == 0, threshold != 0 { report.add("\(path)[0].threshold", "the first level's threshold must be 0") }
            if let previous, threshold <= previous {
                report.add("\(path)[\(index)].threshold", "must be greater than the previous level's threshold (\(previous))")
            }
            previous = threshold
        }
    }

    private static func parseDowngrade(_ object: JSONObject, _ reader: FieldReader) -> TierDowngrade? {
        let nested = FieldReader(object, path: reader.pathOf("downgrade"), report: reader.report)
        nested.rejectUnknownKeys(["policy", "grace_days", "review"])
        let policy = nested.choice("policy", required: true, as: TierDowngrade.Policy.self)
        let grace = nested.integer("grace_days", required: false, range: 0...graceDaysMax)
        let review = nested.choice("review", required: false, as: TierReviewPeriod.self)
        guard let policy else { return nil }
        if nested.object["review"].map({ $0 != .null }) ?? false, review == nil { return nil }
        return TierDowngrade(policy: policy, graceDays: Int(grace ?? 0), review: review ?? .year)
    }

    func ladder(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> TierLadder {
        TierLadder(
            id: id, name: name, subject: subject, currency: currency, window: window, levels: levels, downgrade: downgrade,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// Reads a level's `criteria`: 1 to 10 objects, each naming exactly one measure —
/// `{"currency", "window"?, "min"}` (window defaults to `lifetime`), `{"members_with_badge", "min"}`
/// or `{"attribute", "min"}` — every problem reported with its path.
enum TierCriteriaParser {
    static let minRange: ClosedRange<Int64> = -TierLadderDraft.thresholdMax...TierLadderDraft.thresholdMax

    static func parse(_ level: FieldReader) -> [TierCriterion]? {
        let path = level.pathOf("criteria")
        guard case .array(let elements)? = level.object["criteria"] else {
            level.report.add(path, "must be an array of criteria, not \(level.object["criteria"]?.typeName ?? "missing")")
            return nil
        }
        guard (1...TierLadderDraft.criteriaCountMax).contains(elements.count) else {
            level.report.add(path, "must have from 1 to \(TierLadderDraft.criteriaCountMax) criteria")
            return nil
        }
        var criteria: [TierCriterion] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let object) = element else {
                level.report.add("\(path)[\(index)]", "must be an object, not \(element.typeName)")
                continue
            }
            if let criterion = parseCriterion(FieldReader(object, path: "\(path)[\(index)]", report: level.report)) {
                criteria.append(criterion)
            }
        }
        return criteria.count == elements.count ? criteria : nil
    }

    private static func parseCriterion(_ reader: FieldReader) -> TierCriterion? {
        reader.rejectUnknownKeys(["currency", "window", "members_with_badge", "attribute", "min"])
        let named = ["currency", "members_with_badge", "attribute"].filter { reader.object[$0].map { $0 != .null } ?? false }
        let min = reader.integer("min", required: true, range: minRange)
        guard named.count == 1 else {
            reader.report.add(reader.path, "must name exactly one of currency, members_with_badge or attribute")
            return nil
        }
        if named[0] != "currency", reader.object["window"] != nil {
            reader.report.add(reader.pathOf("window"), "applies only to a currency criterion")
        }
        let measure: TierCriterion.Measure?
        switch named[0] {
        case "currency":
            let currency = reader.string("currency", required: true, rule: .identifier)
            var window: TierWindow? = .lifetime
            if let text = reader.string("window", required: false, rule: .word) {
                window = TierWindow(rawValue: text)
                if window == nil {
                    reader.report.add(reader.pathOf("window"), "must be \"lifetime\", \"calendar_year\" or \"rolling_Nd\" with N from 1 to 730")
                }
            }
            measure = currency.flatMap { currency in window.map { .earned(currency: currency, window: $0) } }
        case "members_with_badge":
            measure = reader.string("members_with_badge", required: true, rule: .identifier).map { .membersWithBadge($0) }
        default:
            measure = reader.string("attribute", required: true, rule: .identifier).map { .attribute($0) }
        }
        if let min, min < 0, case .membersWithBadge? = measure {
            reader.report.add(reader.pathOf("min"), "must be at least 0")
            return nil
        }
        guard let measure, let min else { return nil }
        return TierCriterion(measure, min: min)
    }
}

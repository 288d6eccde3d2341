/// A cap on how often or how much a rule may award: per member, organization or the whole program,
/// within a calendar period in the program's time zone.
public struct RuleLimit: Sendable, Equatable {
    public enum Scope: String, Sendable, Equatable, CaseIterable { case member, organization, program }
    public enum Period: String, Sendable, Equatable, CaseIterable { case day, week, month, quarter, year, all }

    public let per: Scope
    public let period: Period
    public let maxCount: Int64?
    /// With `currency`: the most of that currency the rule may award within the period.
    public let maxAmount: Int64?
    public let currency: String?

    static let countMax = 10

    public init(per: Scope, period: Period, maxCount: Int64?, maxAmount: Int64?, currency: String?) {
        self.per = per
        self.period = period
        self.maxCount = maxCount
        self.maxAmount = maxAmount
        self.currency = currency
    }

    static func parseList(_ value: JSONValue?, path: String, report: ValidationReport) -> [RuleLimit]? {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value, items.count <= countMax else {
            report.add(path, "must be an array of at most \(countMax) limits")
            return nil
        }
        var limits: [RuleLimit] = []
        for (index, item) in items.enumerated() {
            if let limit = parse(item, path: "\(path)[\(index)]", report: report) { limits.append(limit) }
        }
        return limits.count == items.count ? limits : nil
    }

    static func parse(_ item: JSONValue, path: String, report: ValidationReport) -> RuleLimit? {
        guard case .object(let object) = item else {
            report.add(path, "must be an object, not \(item.typeName)")
            return nil
        }
        let reader = FieldReader(object, path: path, report: report)
        let before = report.problems.count
        reader.rejectUnknownKeys(["per", "period", "max_count", "max_amount", "currency"])
        let per = reader.choice("per", required: true, as: Scope.self)
        let period = reader.choice("period", required: false, as: Period.self) ?? .all
        let maxCount = reader.integer("max_count", required: false, range: 1...1_000_000_000)
        let maxAmount = reader.integer("max_amount", required: false, range: 1...AmountSpec.magnitudeMax)
        let amountGiven = reader.countGiven(["max_amount"]) == 1
        let currency = reader.string("currency", required: amountGiven, rule: .identifier)
        if reader.countGiven(["max_count", "max_amount"]) == 0 {
            report.add(path, "give max_count, max_amount, or both")
        }
        if reader.countGiven(["currency"]) == 1 && !amountGiven {
            report.add(reader.pathOf("currency"), "only goes with max_amount")
        }
        guard report.problems.count == before, let per else { return nil }
        return RuleLimit(per: per, period: period, maxCount: maxCount, maxAmount: maxAmount, currency: currency)
    }
}

extension Rule {
    /// Whether a limit reads the rule's awards per member or per organization.
    public var limitsBySubject: Bool {
        limits.contains { $0.per != .program }
    }
}

/// Validates a `when` tree, reporting every problem with its JSON path (`$.when.all[2].op`).
struct ConditionParser {
    static let depthMax = 16
    static let leavesMax = 200
    static let listCountMax = 100

    let report: ValidationReport
    private var leaves = 0

    init(report: ValidationReport) { self.report = report }

    /// Nil when anything was reported.
    mutating func parse(_ value: JSONValue, path: String, depth: Int = 1) -> Condition? {
        guard depth <= Self.depthMax else {
            report.add(path, "conditions nest deeper than \(Self.depthMax) levels")
            return nil
        }
        guard case .object(let object) = value else {
            report.add(path, "must be a condition object, not \(value.typeName)")
            return nil
        }
        let nodeKeys = object.keys.filter { ["all", "any", "not"].contains($0) }
        if nodeKeys.count > 1 || (nodeKeys.count == 1 && object.count > 1) {
            report.add(path, "a condition is exactly one of all, any, not, or a {fact, op, value} leaf")
            return nil
        }
        switch nodeKeys.first {
        case "all": return list(object["all"]!, path: "\(path).all", depth: depth).map(Condition.all)
        case "any": return list(object["any"]!, path: "\(path).any", depth: depth).map(Condition.any)
        case "not": return parse(object["not"]!, path: "\(path).not", depth: depth + 1).map(Condition.not)
        default: return leaf(object, path: path)
        }
    }

    private mutating func list(_ value: JSONValue, path: String, depth: Int) -> [Condition]? {
        guard case .array(let elements) = value, !elements.isEmpty else {
            report.add(path, "must be a non-empty array of conditions")
            return nil
        }
        var result: [Condition] = []
        var valid = true
        for (index, element) in elements.enumerated() {
            if let condition = parse(element, path: "\(path)[\(index)]", depth: depth + 1) {
                result.append(condition)
            } else {
                valid = false
            }
        }
        return valid ? result : nil
    }

    private mutating func leaf(_ object: JSONObject, path: String) -> Condition? {
        leaves += 1
        if leaves == Self.leavesMax + 1 { report.add(path, "a rule may have at most \(Self.leavesMax) conditions") }
        let reader = FieldReader(object, path: path, report: report)
        let before = report.problems.count
        reader.rejectUnknownKeys(["fact", "op", "value"])
        var fact: FactPath?
        if let text = reader.string("fact", required: true, rule: .text(max: FactPath.textBytesMax)) {
            do { fact = try FactPath.parse(text) } catch { report.add(reader.pathOf("fact"), error.message) }
        }
        let op = reader.choice("op", required: true, as: ConditionOperator.self)
        guard let value = object["value"] else {
            report.add(reader.pathOf("value"), "is required")
            return nil
        }
        if let op, let problem = Self.problem(with: value, for: op) { report.add(reader.pathOf("value"), problem) }
        guard report.problems.count == before, leaves <= Self.leavesMax, let fact, let op else { return nil }
        return .leaf(ConditionLeaf(fact: fact, op: op, value: value))
    }

    /// What is wrong with `value` as the operand of `op`, if anything.
    static func problem(with value: JSONValue, for op: ConditionOperator) -> String? {
        switch op {
        case .eq, .ne, .contains:
            return isScalar(value) ? nil : "\(op.rawValue) needs a string, number, boolean or null"
        case .gt, .gte, .lt, .lte:
            return isOrdered(value) ? nil : "\(op.rawValue) needs a number or an RFC 3339 date-time"
        case .in, .nin:
            guard case .array(let elements) = value, !elements.isEmpty, elements.count <= listCountMax,
                elements.allSatisfy(isScalar)
            else { return "\(op.rawValue) needs an array of 1 to \(listCountMax) strings, numbers or booleans" }
            return nil
        case .exists:
            return value.boolValue == nil ? "exists needs true or false" : nil
        case .between:
            guard case .array(let bounds) = value, bounds.count == 2, isOrdered(bounds[0]), isOrdered(bounds[1]),
                let order = FactComparison.order(bounds[0], bounds[1])
            else { return "between needs [low, high]: two numbers or two RFC 3339 date-times" }
            return order == .orderedDescending ? "between needs low ≤ high" : nil
        }
    }

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .string, .int, .double, .bool, .null: true
        case .array, .object: false
        }
    }

    static func isOrdered(_ value: JSONValue) -> Bool {
        if ExactNumber(json: value) != nil { return true }
        if case .string(let text) = value { return RFC3339.parse(text) != nil }
        return false
    }
}

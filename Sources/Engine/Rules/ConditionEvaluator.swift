/// Evaluates a condition tree against fact values, keeping a trace of every node. Every child is
/// evaluated (no short-circuit) so that explain shows the whole picture; facts are already loaded.
struct ConditionEvaluator {
    let facts: (FactPath) -> FactValue?

    func evaluate(_ condition: Condition, path: String) -> ConditionTrace {
        switch condition {
        case .all(let children):
            let traces = children.enumerated().map { evaluate($1, path: "\(path).all[\($0)]") }
            let failed = traces.filter { !$0.passed }.count
            let reason = failed == 0 ? "all \(traces.count) passed" : "\(failed) of \(traces.count) failed"
            return node(.all, path, failed == 0, reason, traces)
        case .any(let children):
            let traces = children.enumerated().map { evaluate($1, path: "\(path).any[\($0)]") }
            let passed = traces.filter(\.passed).count
            let reason = passed == 0 ? "none of \(traces.count) passed" : "\(passed) of \(traces.count) passed"
            return node(.any, path, passed > 0, reason, traces)
        case .not(let child):
            let trace = evaluate(child, path: "\(path).not")
            return node(.not, path, !trace.passed, trace.passed ? "the inner condition passed" : "the inner condition failed", [trace])
        case .leaf(let leaf):
            let seen = facts(leaf.fact)
            let (passed, reason) = Self.check(leaf, seen)
            return ConditionTrace(
                path: path, kind: .leaf, passed: passed, reason: reason, fact: leaf.fact, seen: seen, children: [])
        }
    }

    private func node(_ kind: ConditionTrace.Kind, _ path: String, _ passed: Bool, _ reason: String,
                      _ children: [ConditionTrace]) -> ConditionTrace {
        ConditionTrace(path: path, kind: kind, passed: passed, reason: reason, fact: nil, seen: nil, children: children)
    }

    /// Whether the leaf holds, and a sentence such as "event.amount is 800, needs gte 1000".
    /// A missing fact fails every operator but `exists`; a value of the wrong kind fails with a reason.
    static func check(_ leaf: ConditionLeaf, _ seen: FactValue?) -> (Bool, String) {
        let name = leaf.fact.description
        let wanted = "\(leaf.op.rawValue) \(JSONWriter.string(leaf.value))"
        if leaf.op == .exists {
            let wantsPresent = leaf.value.boolValue ?? true
            let present = seen != nil && seen != .null
            return (present == wantsPresent, present ? "\(name) exists" : "\(name) is missing")
        }
        guard let seen else { return (false, "\(name) is missing") }
        let shown = "\(name) is \(JSONWriter.string(seen))"
        guard let passed = holds(leaf.op, seen, leaf.value) else {
            return (false, "\(shown) (\(seen.typeName)), \(leaf.op.rawValue) cannot compare it with \(JSONWriter.string(leaf.value))")
        }
        return (passed, passed ? "\(shown), \(wanted)" : "\(shown), needs \(wanted)")
    }

    /// Nil when the values are of kinds the operator cannot compare.
    static func holds(_ op: ConditionOperator, _ seen: FactValue, _ value: JSONValue) -> Bool? {
        switch op {
        case .eq: return FactComparison.equal(seen, value)
        case .ne: return !FactComparison.equal(seen, value)
        case .gt, .gte, .lt, .lte:
            guard let order = FactComparison.order(seen, value) else { return nil }
            switch op {
            case .gt: return order == .orderedDescending
            case .gte: return order != .orderedAscending
            case .lt: return order == .orderedAscending
            default: return order != .orderedDescending
            }
        case .in, .nin:
            let found = (value.arrayValue ?? []).contains { FactComparison.equal(seen, $0) }
            return op == .in ? found : !found
        case .contains:
            switch seen {
            case .array(let elements): return elements.contains { FactComparison.equal($0, value) }
            case .string(let text):
                guard case .string(let part) = value else { return nil }
                return text.contains(part)
            default: return nil
            }
        case .between:
            guard let bounds = value.arrayValue, bounds.count == 2,
                let low = FactComparison.order(seen, bounds[0]), let high = FactComparison.order(seen, bounds[1])
            else { return nil }
            return low != .orderedAscending && high != .orderedDescending
        case .exists:
            return true
        }
    }
}

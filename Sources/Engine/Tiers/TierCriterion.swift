/// One requirement of a tier level: a measure of the holder and the least it must reach. A level
/// with several criteria needs all of them (AND).
public struct TierCriterion: Sendable, Hashable {
    public enum Measure: Sendable, Hashable {
        /// What the holder earned in a currency within a window (`LedgerEarningsReader.earned`).
        case earned(currency: String, window: TierWindow)
        /// How many members of the organization hold the badge now (organization ladders).
        case membersWithBadge(String)
        /// A numeric attribute of the holder, rounded down; 0 when absent or not a number.
        case attribute(String)
    }

    public var measure: Measure
    public var min: Int64

    public init(_ measure: Measure, min: Int64) {
        self.measure = measure
        self.min = min
    }

    public func isMet(by value: Int64) -> Bool { value >= min }

    /// How much is still missing for `value` to meet it (0 when met).
    public func missing(from value: Int64) -> Int64 {
        let (difference, overflow) = min.subtractingReportingOverflow(value)
        return overflow ? .max : Swift.max(0, difference)
    }

    public var json: JSONValue {
        var object = JSONObject()
        switch measure {
        case .earned(let currency, let window):
            object["currency"] = .string(currency)
            object["window"] = .string(window.rawValue)
        case .membersWithBadge(let badge):
            object["members_with_badge"] = .string(badge)
        case .attribute(let name):
            object["attribute"] = .string(name)
        }
        object["min"] = .int(min)
        return .object(object)
    }

    /// The criterion with the holder's value and what is missing: one line of "what is needed".
    public func progressJSON(value: Int64) -> JSONValue {
        guard case .object(var object) = json else { return json }
        object["value"] = .int(value)
        object["met"] = .bool(isMet(by: value))
        object["needed"] = .int(missing(from: value))
        return .object(object)
    }
}

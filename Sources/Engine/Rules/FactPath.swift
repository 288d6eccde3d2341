/// Whose fact: the member who caused the event or their organization.
public enum FactSubject: String, Sendable, Hashable, CaseIterable {
    case member, organization

    /// The record fields a rule may read directly (anything else goes through `attributes.`).
    var fields: Set<String> {
        switch self {
        case .member: ["id", "role", "team", "status", "organization_id", "tier", "segment"]
        case .organization: ["id", "kind", "status", "tier", "segment", "parent_id"]
        }
    }
}

/// The window a counter fact covers, in the program's time zone.
public enum CounterPeriod: String, Sendable, Hashable, CaseIterable {
    case day, week, month, quarter, year, all
    case rolling7Days = "rolling_7d"
    case rolling30Days = "rolling_30d"
}

/// The unit of a streak: consecutive days or weeks with at least one event of the type.
public enum StreakUnit: String, Sendable, Hashable, CaseIterable {
    case day, week
}

/// A fact a condition or an amount expression reads, parsed from text such as `event.amount`,
/// `member.attributes.region` or `member.count.deal.closed.month`. Parsed once when the rule is
/// saved, so that an unknown root is refused then, not discovered while an event is processed.
public enum FactPath: Sendable, Hashable, CustomStringConvertible {
    case eventType
    case eventOccurredAt
    /// 1 = Monday … 7 = Sunday, in the program's time zone.
    case eventWeekday
    /// 0–23, in the program's time zone.
    case eventHour
    /// A property of the event's `properties` object.
    case eventProperty(String)
    case field(FactSubject, String)
    case attribute(FactSubject, String)
    case count(FactSubject, eventType: String, period: CounterPeriod)
    case sum(FactSubject, eventType: String, property: String, period: CounterPeriod)
    case streak(FactSubject, eventType: String, unit: StreakUnit)

    public static let textBytesMax = 256
    /// Event names with a meaning of their own; a property so named is written `event.properties.NAME`.
    static let eventReserved: Set<String> = ["type", "occurred_at", "weekday", "hour", "properties"]

    public var description: String {
        switch self {
        case .eventType: "event.type"
        case .eventOccurredAt: "event.occurred_at"
        case .eventWeekday: "event.weekday"
        case .eventHour: "event.hour"
        case .eventProperty(let name):
            Self.eventReserved.contains(name) ? "event.properties.\(name)" : "event.\(name)"
        case .field(let subject, let name): "\(subject.rawValue).\(name)"
        case .attribute(let subject, let name): "\(subject.rawValue).attributes.\(name)"
        case .count(let subject, let type, let period): "\(subject.rawValue).count.\(type).\(period.rawValue)"
        case .sum(let subject, let type, let property, let period):
            "\(subject.rawValue).sum.\(type).\(property).\(period.rawValue)"
        case .streak(let subject, let type, let unit): "\(subject.rawValue).streak.\(type).\(unit.rawValue)"
        }
    }

    /// Parses a fact reference; the error says what is wrong in words.
    public static func parse(_ text: String) throws(FactPathError) -> FactPath {
        guard !text.isEmpty, text.utf8.count <= textBytesMax else {
            throw FactPathError("a fact must be 1 to \(textBytesMax) characters")
        }
        let segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for segment in segments where TextRule.word.problem(with: segment) != nil {
            throw FactPathError("\"\(text)\" is not a fact: each dot-separated part must be a word")
        }
        let rest = Array(segments.dropFirst())
        switch segments[0] {
        case "event": return try parseEvent(rest, text: text)
        case "member": return try parseSubject(.member, rest, text: text)
        case "organization": return try parseSubject(.organization, rest, text: text)
        default:
            throw FactPathError("unknown fact \"\(text)\": facts start with event., member. or organization.")
        }
    }

    private static func parseEvent(_ rest: [String], text: String) throws(FactPathError) -> FactPath {
        switch (rest.first, rest.count) {
        case ("type", 1): return .eventType
        case ("occurred_at", 1): return .eventOccurredAt
        case ("weekday", 1): return .eventWeekday
        case ("hour", 1): return .eventHour
        case ("properties", 2): return .eventProperty(rest[1])
        case (let name?, 1) where !eventReserved.contains(name): return .eventProperty(name)
        default: throw FactPathError("unknown fact \"\(text)\": use event.type, event.occurred_at, "
            + "event.weekday, event.hour, event.NAME or event.properties.NAME")
        }
    }

    private static func parseSubject(_ subject: FactSubject, _ rest: [String], text: String) throws(FactPathError)
        -> FactPath
    {
        let root = subject.rawValue
        switch rest.first {
        case "attributes":
            guard rest.count == 2 else { throw FactPathError("\"\(text)\": use \(root).attributes.NAME") }
            return .attribute(subject, rest[1])
        case "count":
            // Event types contain dots: the period is the last part, the type is everything between.
            guard rest.count >= 3 else { throw FactPathError("\"\(text)\": use \(root).count.EVENT_TYPE.PERIOD") }
            return .count(subject, eventType: try eventType(rest[1..<(rest.count - 1)], text), period: try period(rest.last!, text))
        case "sum":
            guard rest.count >= 4 else {
                throw FactPathError("\"\(text)\": use \(root).sum.EVENT_TYPE.PROPERTY.PERIOD")
            }
            return .sum(
                subject, eventType: try eventType(rest[1..<(rest.count - 2)], text), property: rest[rest.count - 2],
                period: try period(rest.last!, text))
        case "streak":
            guard rest.count >= 3, let unit = StreakUnit(rawValue: rest.last!) else {
                throw FactPathError("\"\(text)\": use \(root).streak.EVENT_TYPE.day or .week")
            }
            return .streak(subject, eventType: try eventType(rest[1..<(rest.count - 1)], text), unit: unit)
        case let name? where rest.count == 1 && subject.fields.contains(name):
            return .field(subject, name)
        default:
            let fields = subject.fields.sorted().joined(separator: ", ")
            throw FactPathError("unknown fact \"\(text)\": \(root) facts are \(fields), attributes.NAME, "
                + "count.TYPE.PERIOD, sum.TYPE.PROPERTY.PERIOD, streak.TYPE.UNIT")
        }
    }

    private static func eventType(_ parts: ArraySlice<String>, _ text: String) throws(FactPathError) -> String {
        let type = parts.joined(separator: ".")
        if let problem = EventTypeRule.problem(with: type) { throw FactPathError("\"\(text)\": event type \(problem)") }
        return type
    }

    private static func period(_ name: String, _ text: String) throws(FactPathError) -> CounterPeriod {
        guard let period = CounterPeriod(rawValue: name) else {
            let names = CounterPeriod.allCases.map(\.rawValue).joined(separator: ", ")
            throw FactPathError("\"\(text)\": the period must be one of \(names)")
        }
        return period
    }
}

public struct FactPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Event type names such as `deal.closed`: 1–64 of letters, digits, `.`, `_` and `-`.
public enum EventTypeRule {
    public static let bytesMax = 64

    public static func problem(with type: String) -> String? {
        guard !type.isEmpty, type.utf8.count <= bytesMax else { return "must be 1 to \(bytesMax) characters" }
        let allowed = type.utf8.allSatisfy { TextRule.isWordByte($0) || $0 == UInt8(ascii: ".") }
        return allowed ? nil : "may contain only letters, digits and . _ -"
    }
}

/// The facts one event offers its rules: its properties, its member and organization (fields and
/// attributes), and counters over past events. Counters are asked of the `CounterSource` only
/// when a rule reads them, and each once per event.
public final class EventFactSource: FactSource {
    public let subject: AwardSubject
    private let counters: any CounterSource
    private var cache: [FactPath: FactValue?] = [:]

    public init(subject: AwardSubject, counters: any CounterSource) {
        self.subject = subject
        self.counters = counters
    }

    public func value(of fact: FactPath) -> FactValue? {
        if let cached = cache[fact] { return cached }
        let value = resolve(fact)
        cache[fact] = value
        return value
    }

    private func resolve(_ fact: FactPath) -> FactValue? {
        switch fact {
        case .eventType: return .string(subject.eventType)
        case .eventOccurredAt: return .string(subject.occurredAt.rfc3339)
        case .eventWeekday, .eventHour: return nil  // the evaluator answers these from the event's time
        case .eventProperty(let name): return subject.properties[name]
        case .field(let who, let name): return field(who, name)
        case .attribute(.member, let name): return subject.member?.attributes[name]
        case .attribute(.organization, let name): return subject.organization?.attributes[name]
        case .count(let who, let type, let period):
            guard let id = id(of: who) else { return nil }
            return (try? counters.count(who, id: id, eventType: type, period: period, at: subject.occurredAt)).map { .int(Int64($0)) }
        case .sum(let who, let type, let property, let period):
            guard let id = id(of: who) else { return nil }
            return (try? counters.sum(who, id: id, eventType: type, property: property, period: period, at: subject.occurredAt)).map(JSONValue.int)
        case .streak(let who, let type, let unit):
            guard let id = id(of: who) else { return nil }
            return (try? counters.streak(who, id: id, eventType: type, unit: unit, at: subject.occurredAt)).map { .int(Int64($0)) }
        }
    }

    private func id(of who: FactSubject) -> String? {
        who == .member ? subject.member?.id : subject.organization?.id
    }

    /// Record fields a rule may read. Tiers arrive with tier ladders; until then `tier` is missing.
    private func field(_ who: FactSubject, _ name: String) -> FactValue? {
        switch (who, name) {
        case (.member, "id"): return subject.member.map { .string($0.id) }
        case (.member, "role"): return subject.member.map { .string($0.role) }
        case (.member, "team"): return subject.member.flatMap { $0.team.map(JSONValue.string) }
        case (.member, "status"): return subject.member.map { .string($0.status.rawValue) }
        case (.member, "organization_id"): return subject.member.map { .string($0.organizationID) }
        case (.member, "segment"), (.organization, "segment"):
            return subject.organization.map { .array($0.segments.map(JSONValue.string)) }
        case (.organization, "id"): return subject.organization.map { .string($0.id) }
        case (.organization, "kind"): return subject.organization.map { .string($0.kind) }
        case (.organization, "status"): return subject.organization.map { .string($0.status.rawValue) }
        case (.organization, "parent_id"): return subject.organization.flatMap { $0.parentID.map(JSONValue.string) }
        default: return nil
        }
    }
}

/// What an event is about: the event itself and the member and organization it concerns.
public struct AwardSubject: Sendable {
    public var eventID: String
    public var eventType: String
    public var occurredAt: Timestamp
    public var properties: JSONObject
    public var member: Member?
    /// The event's organization, or the member's when the event named only a member.
    public var organization: Organization?

    public init(
        eventID: String, eventType: String, occurredAt: Timestamp, properties: JSONObject, member: Member?,
        organization: Organization?
    ) {
        self.eventID = eventID
        self.eventType = eventType
        self.occurredAt = occurredAt
        self.properties = properties
        self.member = member
        self.organization = organization
    }
}

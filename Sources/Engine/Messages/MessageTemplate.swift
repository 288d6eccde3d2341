/// The message a member gets when something happens to them (`trigger`): a title and a body with
/// `{{placeholders}}` filled from what happened, and tips ("Did you know…") shown in turn.
public struct MessageTemplate: Sendable, Equatable {
    /// What produces a message, and the placeholders each offers (all also offer `member_name`).
    public enum Trigger: String, Sendable, Hashable, CaseIterable {
        case award, badge
        case tierUp = "tier_up"
        case tierDownWarning = "tier_down_warning"
        /// An award brings a member into the last fifth of the way to its next level (threshold ladders).
        case nearNextTier = "near_next_tier"
        /// Points that expire within the template's `days_before` (told once per batch, by an hourly job).
        case pointsExpiring = "points_expiring"
        case goalLevel = "goal_level"
        case redemptionStatus = "redemption_status"
        /// A quest step done (its count reached).
        case questStep = "quest_step"
        case questComplete = "quest_complete"

        public var placeholders: [String] {
            let own: [String] = switch self {
            case .award: ["amount", "currency", "event_type", "rule_id"]
            case .badge: ["badge_name", "badge_id"]
            case .tierUp: ["tier", "ladder_id"]
            case .tierDownWarning: ["tier", "ladder_id", "qualified_tier", "keep_until"]
            case .nearNextTier: ["tier", "next_tier", "remaining", "currency", "ladder_id"]
            case .pointsExpiring: ["amount", "currency", "expires_on", "days"]
            case .goalLevel: ["goal_name", "level", "period", "total"]
            case .redemptionStatus: ["reward_name", "status", "code", "cost", "currency"]
            case .questStep: ["quest_name", "quest_id", "step_id", "step_name", "steps_done", "steps_total"]
            case .questComplete: ["quest_name", "quest_id"]
            }
            return ["member_name"] + own
        }
    }

    public var trigger: Trigger
    public var title: String
    public var body: String
    public var tips: [String]
    /// points_expiring only: how many days ahead to tell (default `daysBeforeDefault`).
    public var daysBefore: Int?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public static let daysBeforeDefault = 30

    public init(trigger: Trigger, title: String, body: String, tips: [String], daysBefore: Int? = nil, createdAt: Timestamp, updatedAt: Timestamp) {
        self.daysBefore = daysBefore
        self.trigger = trigger
        self.title = title
        self.body = body
        self.tips = tips
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Fills every `{{name}}` with its value (empty when the occasion has none).
    public static func render(_ text: String, _ values: [String: String]) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces
            output += values[name] ?? ""
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// The names a text uses, in order.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(rest[open.upperBound..<close.lowerBound].trimmingSpaces)
            rest = rest[close.upperBound...]
        }
        return names
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

extension MessageTemplate: ConfigurationObject {
    public static let kind = "message_template"
    public static let kindPlural = "message templates"

    public var id: String { trigger.rawValue }

    public var json: JSONValue {
        .object(JSONObject([
            ("trigger", .string(trigger.rawValue)), ("title", .string(title)), ("body", .string(body)),
            ("tips", .array(tips.map(JSONValue.string))),
            ("days_before", daysBefore.map { .int(Int64($0)) } ?? (trigger == .pointsExpiring ? .int(Int64(Self.daysBeforeDefault)) : .null)),
            ("placeholders", .array(trigger.placeholders.map(JSONValue.string))),
            ("created_at", .string(createdAt.rfc3339)), ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

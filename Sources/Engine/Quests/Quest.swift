/// A sequence of things to do: steps, each "an event of type T matching conditions, N times",
/// done in order or in any order, with rewards per step and on completion (awards, badges,
/// boosts). Members join automatically (at their first event that counts) or explicitly
/// (`POST /v1/quests/{id}/enrollments`), when they are in its audience, and must finish before
/// the quest ends or their own deadline (N days after joining), whichever comes first.
public struct Quest: Sendable, Equatable {
    public enum Enrollment: String, Sendable, CaseIterable {
        case automatic, explicit
    }

    public struct Step: Sendable, Equatable {
        public var id: String
        public var name: String?
        /// The event type that counts.
        public var eventType: String
        /// Conditions the event must meet, in the rules language; nil: every event of the type.
        public var when: Condition?
        /// `when` as written, shown back.
        public var whenSource: JSONValue?
        /// How many matching events the step needs.
        public var count: Int64
        public var reward: [Effect]
        public var rewardSource: JSONValue?
    }

    public var id: String
    public var name: String
    public var description: String?
    public var ordered: Bool
    public var enrollment: Enrollment
    public var steps: [Step]
    public var completion: [Effect]
    public var completionSource: JSONValue?
    public var audience: QuestAudience
    /// Events before `startsAt` or from `endsAt` on do not count (both optional).
    public var startsAt: Timestamp?
    public var endsAt: Timestamp?
    /// Each member's own deadline: this many days after joining.
    public var deadlineDays: Int64?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    /// The step ids, in order.
    public var stepIDs: [String] { steps.map(\.id) }

    /// Whether events at `at` may count at all (the quest's own window).
    public func isOpen(at: Timestamp) -> Bool {
        (startsAt.map { $0 <= at } ?? true) && (endsAt.map { at < $0 } ?? true)
    }

    /// A member joining at `at` must finish before this: the quest's end or their own deadline.
    public func deadline(enrolledAt: Timestamp) -> Timestamp? {
        let own = deadlineDays.map { enrolledAt.adding(milliseconds: $0 * 86_400_000) }
        switch (own, endsAt) {
        case (let own?, let end?): return min(own, end)
        case (let own?, nil): return own
        case (nil, let end): return end
        }
    }

    /// Every step's rewards and the completion's.
    public var allRewards: [Effect] { steps.flatMap(\.reward) + completion }

    /// Whether a reward awards the currency, or boosts only awards in it.
    public func gives(currency: String) -> Bool {
        allRewards.contains { effect in
            switch effect {
            case .award(let award): award.currency == currency
            case .boost(let boost): boost.currency == currency
            default: false
            }
        }
    }

    /// Whether some step counts events of this type: quests that cannot care are skipped cheaply.
    public func listens(to eventType: String) -> Bool {
        steps.contains { $0.eventType == eventType }
    }
}

extension Quest: ConfigurationObject {
    public static let kind = "quest"
    public static let kindPlural = "quests"

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)), ("name", .string(name)), ("description", .optional(description)), ("ordered", .bool(ordered)),
            ("enrollment", .string(enrollment.rawValue)),
            ("steps", .array(steps.map { step in
                .object(JSONObject([
                    ("id", .string(step.id)), ("name", .optional(step.name)),
                    ("match", .object(JSONObject([("type", .string(step.eventType)), ("when", step.whenSource ?? .null)]))),
                    ("count", .int(step.count)), ("reward", step.rewardSource ?? .array([])),
                ]))
            })),
            ("completion", completionSource ?? .array([])), ("audience", audience.json),
            ("starts_at", startsAt.map { .string($0.rfc3339) } ?? .null), ("ends_at", endsAt.map { .string($0.rfc3339) } ?? .null),
            ("deadline_days", deadlineDays.map(JSONValue.int) ?? .null),
            ("created_at", .string(createdAt.rfc3339)), ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

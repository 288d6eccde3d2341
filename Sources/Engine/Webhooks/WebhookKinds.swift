/// What a webhook can subscribe to: one kind per row the outbox triggers write (Migrations/0023).
/// `notification.<trigger>` for every message a member's inbox receives, and domain events.
/// A subscription names a kind, a family (`notification.*`, `redemption.*`) or everything (`*`).
public enum WebhookKinds {
    /// The `kind` column of `notifications`: each message template trigger (the quest messages
    /// among them), and `rule` for rules' `notify` effects.
    public static let notificationTriggers: [String] = MessageTemplate.Trigger.allCases.map(\.rawValue) + ["rule"]

    /// Domain events, in the order the documentation lists them.
    public static let events: [String] = [
        "event.recorded", "event.reversed", "badge.earned", "tier.changed", "goal.level_reached", "leaderboard.period_closed",
        "redemption.pending", "redemption.fulfilled", "redemption.cancelled", "quest.completed",
    ]

    public static let all: [String] = notificationTriggers.map { "notification.\($0)" } + events

    /// `notification`, `event`, `badge`, …: what a `family.*` subscription may name.
    public static let families: [String] = unique(all.map { family(of: $0) })

    public static let everything = "*"

    /// What is wrong with a subscription pattern, or nil when it names a kind, a family or everything.
    public static func problem(with pattern: String) -> String? {
        if pattern == everything || all.contains(pattern) { return nil }
        if pattern.hasSuffix(".*"), families.contains(String(pattern.dropLast(2))) { return nil }
        return "is not a webhook kind; use one of \(all.joined(separator: ", ")), a family such as notification.* or *"
    }

    /// Whether a subscription pattern covers `kind`.
    public static func pattern(_ pattern: String, covers kind: String) -> Bool {
        pattern == everything || pattern == kind || (pattern.hasSuffix(".*") && family(of: kind) == pattern.dropLast(2))
    }

    static func family(of kind: String) -> String {
        String(kind.prefix { $0 != "." })
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

/// Which badges an event earns its member, after the ledger step of event processing: the `badge`
/// effects of the rules that applied (in the planner's order), then the counter criteria of every
/// badge counting this event's type (by badge id). A non-repeatable badge is earned only while the
/// member does not hold it; a repeatable one at most once per event; a seasonal one not for events
/// after its `valid_until`.
public enum BadgeAwarder {
    public struct Earned: Sendable, Equatable {
        public var badge: Badge
        public var record: MemberBadge
    }

    public struct Plan: Sendable, Equatable {
        public var earned: [Earned] = []
        /// Why a rule's badge effect earned nothing, by rule id; shown with that rule's decision.
        public var notes: [(ruleID: String, note: String)] = []

        /// Adds each rule's badge notes to its decision and marks the rules that earned a badge.
        public func annotate(_ decisions: inout [RuleDecision]) {
            for index in decisions.indices {
                let ruleID = decisions[index].ruleID
                decisions[index].notes += notes.filter { $0.ruleID == ruleID }.map(\.note)
                decisions[index].earnedBadge = earned.contains { $0.record.ruleID == ruleID }
            }
        }

        public static func == (lhs: Plan, rhs: Plan) -> Bool {
            lhs.earned == rhs.earned && lhs.notes.map { "\($0.ruleID)|\($0.note)" } == rhs.notes.map { "\($0.ruleID)|\($0.note)" }
        }
    }

    /// Decides without writing. `counters` include the event itself, as for the rules.
    public static func plan(
        _ subject: AwardSubject, decisions: [RuleDecision], rules: [AwardPlanner.LiveRule], counters: any CounterSource,
        badges: any BadgeReader
    ) throws -> Plan {
        var plan = Plan()
        let awarding = Awarding(subject: subject, badges: badges)
        for live in AwardPlanner.LiveRule.firing(decisions, among: rules) {
            for (index, effect) in live.rule.then.enumerated() {
                guard case .badge(let badgeID) = effect else { continue }
                if let note = try awarding.award(badgeID, ruleID: live.rule.id, ruleVersion: live.version, into: &plan.earned) {
                    plan.notes.append((live.rule.id, "$.then[\(index)]: \(note)"))
                }
            }
        }
        guard let member = subject.member else { return plan }
        for badge in try badges.badges(criterionEventType: subject.eventType).sorted(by: { $0.id < $1.id }) {
            guard let criterion = badge.criterion, criterion.eventType == subject.eventType else { continue }
            let count = try counters.count(.member, id: member.id, eventType: criterion.eventType, period: criterion.period, at: subject.occurredAt)
            let reached = badge.repeatable ? count > 0 && count % criterion.count == 0 : count >= criterion.count
            if reached { _ = try awarding.award(badge.id, ruleID: nil, ruleVersion: nil, into: &plan.earned) }
        }
        return plan
    }

    /// Plans, then records every badge earned.
    public static func award(
        _ subject: AwardSubject, decisions: [RuleDecision], rules: [AwardPlanner.LiveRule], counters: any CounterSource,
        in store: any BadgeWriter
    ) throws -> Plan {
        let plan = try plan(subject, decisions: decisions, rules: rules, counters: counters, badges: store)
        for earned in plan.earned { try store.insert(earned.record) }
        return plan
    }

    /// The checks one award makes, remembering what this event already earned.
    private struct Awarding {
        let subject: AwardSubject
        let badges: any BadgeReader

        /// A note when nothing was earned.
        func award(_ badgeID: String, ruleID: String?, ruleVersion: Int?, into earned: inout [Earned]) throws -> String? {
            guard let member = subject.member else { return "the event names no member to award badge \(badgeID)" }
            guard let badge = try badges.badge(id: badgeID) else { return "no such badge: \(badgeID); nothing awarded" }
            guard badge.isAwardable(at: subject.occurredAt) else {
                return "badge \(badgeID) was valid until \(badge.validUntil?.rfc3339 ?? "-"); not awarded"
            }
            if earned.contains(where: { $0.badge.id == badgeID }) { return nil }  // once per event
            if !badge.repeatable, try badges.holdsBadge(memberID: member.id, badgeID: badgeID) {
                return "member \(member.id) already holds badge \(badgeID)"
            }
            earned.append(Earned(badge: badge, record: MemberBadge(
                memberID: member.id, badgeID: badgeID, eventID: subject.eventID, earnedAt: subject.occurredAt,
                ruleID: ruleID, ruleVersion: ruleVersion)))
            return nil
        }
    }
}

extension BadgeAwarder.Earned {
    /// The outcome's form: `{"badge_id", "name", "earned_at", "by"}`.
    public var json: JSONValue {
        .object(JSONObject([
            ("badge_id", .string(badge.id)), ("name", .string(badge.name)), ("earned_at", .string(record.earnedAt.rfc3339)),
            ("by", .string(record.by)),
        ]))
    }
}

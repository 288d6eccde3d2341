/// After an event is reversed, badges its type's counter criteria awarded may no longer be
/// deserved: "5 quizzes passed" earned on the fifth quiz, then the second quiz is reversed. Those
/// are revoked, newest first, as reversing the earning event itself would revoke them.
///
/// - A calendar period (or `all`): the member may hold, among the instances the criterion awarded
///   in the period of the reversed event, as many as the period's count now deserves — one once
///   the count reaches the criterion, or for a repeatable badge one per full multiple of it.
///   Only instances earned at or after the reversed event can have counted it.
/// - A rolling period: each instance earned at or after the reversed event and within the period
///   after it is checked again against the count in its own window.
///
/// Badges a rule's `badge` effect awarded are the rule's decision and stay.
enum BadgeCriterionReview {
    static func revokeUndeserved(
        after reversed: Event, at: Timestamp, timeZone: ProgramTimeZone, in store: any StoreWriter
    ) throws -> [MemberBadge] {
        guard let memberID = reversed.memberID else { return [] }
        let counters = EventCounters(events: store, timeZone: timeZone)
        var revoked: [MemberBadge] = []
        for badge in try store.badges(criterionEventType: reversed.type).sorted(by: { $0.id < $1.id }) {
            guard let criterion = badge.criterion, criterion.eventType == reversed.type else { continue }
            let affected = try store.memberBadges(memberID: memberID, includeRevoked: false, limit: BadgeCommands.memberBadgesMax)
                .filter { $0.badgeID == badge.id && $0.ruleID == nil }
            func count(at instant: Timestamp) throws -> Int {
                try counters.count(.member, id: memberID, eventType: criterion.eventType, period: criterion.period, at: instant)
            }
            var undeserved: [MemberBadge] = []
            if criterion.period.isRolling {
                for held in affected where held.earnedAt >= reversed.occurredAt {
                    if try count(at: held.earnedAt) < criterion.count { undeserved.append(held) }
                }
            } else {
                let window = CalendarWindow.containing(reversed.occurredAt, period: criterion.period, in: timeZone)
                let inWindow = affected.filter { window.start <= $0.earnedAt && $0.earnedAt < window.end }
                let total = try count(at: reversed.occurredAt)
                let deserved = badge.repeatable ? total / criterion.count : (total >= criterion.count ? 1 : 0)
                let newestFirst = inWindow.filter { $0.earnedAt >= reversed.occurredAt }
                    .sorted { ($0.earnedAt, $0.eventID) > ($1.earnedAt, $1.eventID) }
                undeserved = Array(newestFirst.prefix(max(0, inWindow.count - deserved)))
            }
            for held in undeserved {
                revoked += try store.revokeBadges(memberID: memberID, badgeID: badge.id, eventID: held.eventID, at: at)
            }
        }
        return revoked
    }
}

extension CounterPeriod {
    var isRolling: Bool { self == .rolling7Days || self == .rolling30Days }
}

/// The effects of the rules that fired besides awards and badges — `boost`, `tag`, `notify` —
/// planned from the decisions (pure, so a dry run shows them) and then applied in the event's
/// transaction. Only rules that applied and were not stopped by a count limit take effect.
/// - `boost` grants the event's member a boost (`Boost(granting:)`), usable from the next event.
/// - `tag` adds a segment to an organization, once: segments belong to organizations (the
///   `member.segment` fact reads the member's organization's), so `to: member` tags the member's
///   current organization and `to: organization` the event's. Each added segment is audited as a
///   change made by the event's rule. Reversing the event does not remove a segment: an admin
///   (or another rule) may rely on it since, and it is visible and editable on the organization.
/// - `notify` keeps a `MemberNotification` for the event's member (the inbox comes later).
public struct EventEffects: Sendable {
    public struct Tag: Sendable, Equatable {
        public var ruleID: String
        public var organizationID: String
        public var segment: String
        /// False when the organization already had the segment: nothing changes.
        public var added: Bool

        public var json: JSONValue {
            .object(JSONObject([
                ("rule_id", .string(ruleID)), ("organization_id", .string(organizationID)), ("segment", .string(segment)),
                ("added", .bool(added)),
            ]))
        }
    }

    public private(set) var grants: [Boost] = []
    public private(set) var tags: [Tag] = []
    public private(set) var notifications: [MemberNotification] = []
    /// Quest steps the rules say the event does, by quest id: `QuestTracker` counts them.
    public private(set) var questSteps: [String: Set<String>] = [:]
    private var questRules: Set<String> = []
    /// Why an effect did nothing, by rule id.
    public private(set) var notes: [(ruleID: String, note: String)] = []

    /// Decides without writing. `at` is the processing time (notifications are created then).
    public static func plan(
        _ subject: AwardSubject, decisions: [RuleDecision], rules: [AwardPlanner.LiveRule], at: Timestamp,
        in store: any DirectoryReader
    ) throws -> EventEffects {
        var effects = EventEffects()
        for live in AwardPlanner.LiveRule.firing(decisions, among: rules) {
            for (index, effect) in live.rule.then.enumerated() {
                let label = "$.then[\(index)]"
                switch effect {
                case .boost(let boost):
                    effects.grant(boost, live, index, subject, label)
                case .tag(let tag):
                    try effects.tag(tag, live, subject, label, in: store)
                case .notify(let notify):
                    effects.notify(notify, live, subject, at: at, label)
                case .quest(let quest):
                    guard subject.member != nil else {
                        effects.notes.append((live.rule.id, "\(label): the event names no member whose quest to count"))
                        continue
                    }
                    effects.questSteps[quest.quest, default: []].insert(quest.step)
                    effects.questRules.insert(live.rule.id)
                case .award, .badge:
                    continue
                }
            }
        }
        return effects
    }

    private mutating func grant(_ effect: BoostEffect, _ live: AwardPlanner.LiveRule, _ index: Int, _ subject: AwardSubject, _ label: String) {
        guard let member = subject.member else {
            notes.append((live.rule.id, "\(label): the event names no member to grant a boost"))
            return
        }
        grants.append(Boost(
            granting: effect, memberID: member.id, eventID: subject.eventID, ruleID: live.rule.id, ruleVersion: live.version,
            effectIndex: index, at: subject.occurredAt))
    }

    private mutating func tag(
        _ effect: TagEffect, _ live: AwardPlanner.LiveRule, _ subject: AwardSubject, _ label: String, in store: any DirectoryReader
    ) throws {
        let organization: Organization?
        switch effect.to {
        case .organization: organization = subject.organization
        case .member: organization = try subject.member.flatMap { try store.organization(id: $0.organizationID) }
        }
        guard let organization else {
            notes.append((live.rule.id, "\(label): the event has no \(effect.to.rawValue) whose organization to tag"))
            return
        }
        let pending = tags.contains { $0.organizationID == organization.id && $0.segment == effect.segment }
        let added = !pending && !organization.segments.contains(effect.segment)
        if !added { notes.append((live.rule.id, "\(label): organization \(organization.id) is already in segment \(effect.segment)")) }
        tags.append(Tag(ruleID: live.rule.id, organizationID: organization.id, segment: effect.segment, added: added))
    }

    private mutating func notify(_ effect: NotifyEffect, _ live: AwardPlanner.LiveRule, _ subject: AwardSubject, at: Timestamp, _ label: String) {
        guard let member = subject.member else {
            notes.append((live.rule.id, "\(label): the event names no member to notify"))
            return
        }
        notifications.append(MemberNotification(
            memberID: member.id, kind: "rule", template: effect.template, payload: effect.parameters, eventID: subject.eventID,
            ruleID: live.rule.id, ruleVersion: live.version, createdAt: at))
    }

    /// Writes what was planned: boosts and notifications get their ids.
    public mutating func apply(context: ChangeContext, in store: any StoreWriter) throws {
        grants = try grants.map { try store.insert($0) }
        notifications = try notifications.map { try store.insert($0) }
        for tag in tags where tag.added {
            guard var organization = try store.organization(id: tag.organizationID) else { continue }
            let before = organization.json
            organization.segments.append(tag.segment)
            organization.updatedAt = context.at
            try store.save(organization)
            try store.append(context.audit("organization.tag", "organization", organization.id, before: before, after: organization.json))
        }
    }

    /// Adds each rule's notes to its decision and marks the rules whose effects did something.
    public func annotate(_ decisions: inout [RuleDecision]) {
        for index in decisions.indices {
            let ruleID = decisions[index].ruleID
            decisions[index].notes += notes.filter { $0.ruleID == ruleID }.map(\.note)
            if grants.contains(where: { $0.ruleID == ruleID }) || tags.contains(where: { $0.ruleID == ruleID })
                || notifications.contains(where: { $0.ruleID == ruleID }) || questRules.contains(ruleID) {
                decisions[index].madeOtherEffect = true
            }
        }
    }

    /// Adds `boosts` (`used`, `granted`), `tags` and `notifications` to an event's outcome, and
    /// the boost parts to each boosted posting.
    public func decorate(_ outcome: JSONValue, boosts: BoostSession, at: Timestamp) -> JSONValue {
        guard case .object(var document) = outcome else { return outcome }
        if case .array(let postings)? = document["postings"] {
            document["postings"] = .array(postings.map { posting in
                guard case .object(var entry) = posting, let id = entry["id"]?.intValue, let boosted = boosts.boostedPostings[id]
                else { return posting }
                boosted.annotate(&entry)
                return .object(entry)
            })
        }
        document["boosts"] = .object(JSONObject([("used", boosts.usedJSON), ("granted", .array(grants.map { $0.json(now: at) }))]))
        document["tags"] = .array(tags.map(\.json))
        document["notifications"] = .array(notifications.map(\.json))
        return .object(document)
    }
}

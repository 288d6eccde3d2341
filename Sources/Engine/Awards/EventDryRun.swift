/// What posting an event would do, worked out on a read snapshot and never written: the event as
/// it would be recorded, the awards and badges it would make, what it would do to its member's
/// quests (`QuestPlan`, with what finishing a step or a quest would give), and for every live rule on its type the full
/// explain (condition tree with the facts seen, computed amounts, limit notes). It runs the same
/// planner over the same facts as `EventProcessor`; counters include the event being tried, as
/// they do in real processing, which records the event before its rules read them.
public enum EventDryRun {
    public static func explain(
        _ draft: EventDraft, rules: [AwardPlanner.LiveRule], includeOtherTypes: Bool = false, context: ChangeContext,
        timeZone: ProgramTimeZone = .utc, in store: any StoreReader
    ) throws -> JSONValue {
        var notes: [String] = []
        let recorded = try alreadyRecorded(draft, as: context.principal, in: store)
        let event: Event
        let counters: any CounterSource
        let stored = EventCounters(events: store, timeZone: timeZone)
        let subject: AwardSubject
        if let recorded {
            // Stored counters already hold it; a real post would only replay the stored outcome.
            event = recorded
            counters = stored
            subject = try AwardSubject(event, in: store)
            notes.append("event \(recorded.id) is already recorded: posting it again replays the stored outcome and awards nothing")
        } else {
            // Checked and loaded as a real post checks and loads them (`EventIntake.admit`).
            let (checked, member, organization) = try EventIntake.checked(draft, context: context, in: store)
            event = checked
            counters = CountersIncludingEvent(stored, event: event, timeZone: timeZone)
            subject = AwardSubject(event, member: member, organization: organization)
        }
        var decisions = try EventProcessor.plan(subject, rules: rules, counters: counters, timeZone: timeZone, in: store)
        let policies = try EventProcessor.currencyPolicies(for: decisions, in: store, decisions: &decisions)
        let awards = recorded != nil ? [] : decisions.flatMap(\.awards).filter { policies[$0.currency] != nil }
        let badges = recorded != nil
            ? BadgeAwarder.Plan() : try BadgeAwarder.plan(subject, decisions: decisions, rules: rules, counters: counters, badges: store)
        badges.annotate(&decisions)
        let boosts = try recorded != nil ? .object(JSONObject()) : BoostDryRun.boosts(
            subject, awards: awards, decisions: &decisions, rules: rules, at: context.at, in: store)
        let ruleSteps = recorded != nil
            ? [:] : try EventEffects.plan(subject, decisions: decisions, rules: rules, at: context.at, in: store).questSteps
        let quests: [JSONValue] = recorded != nil ? [] : try QuestPlan.make(
            subject, eventType: event.type, occurredAt: event.occurredAt, counters: counters, timeZone: timeZone, ruleSteps: ruleSteps,
            in: store
        ).entries.map { entry in
            var item = entry.json
            item["would_give"] = entry.wouldGive
            return JSONValue.object(item)
        }
        var explained = decisions.map(\.explainJSON)
        if includeOtherTypes {
            explained += otherTypes(rules, event: event)
        }
        return .object(JSONObject([
            ("event", event.json),
            ("already_recorded", .bool(recorded != nil)),
            ("counters", .string(recorded != nil ? "stored counters, which already include this event"
                                 : "include this event, as they would once it is recorded")),
            ("would_award", .array(awards.map(\.json))),
            ("would_badge", .array(badges.earned.map(\.json))),
            ("would_boost", boosts),
            ("quests", .array(quests)),
            ("notes", .array(notes.map(JSONValue.string))),
            ("rules", .array(explained)),
        ]))
    }

    /// The stored event under the draft's id when it is the same event; a different event under
    /// that id is refused as a real post would refuse it.
    private static func alreadyRecorded(_ draft: EventDraft, as principal: Principal?, in store: any StoreReader) throws -> Event? {
        guard let stored = try store.event(id: draft.id) else { return nil }
        let visible = principal.map { $0.canSee(organizationID: stored.organizationID ?? "") } ?? true
        guard visible, stored.fingerprint == draft.fingerprint else {
            throw DomainError.unprocessable([ValidationError(path: "$.id", message: "event id already used for a different event")])
        }
        return stored
    }

    /// Live rules on other event types, listed as not matching without evaluating them.
    private static func otherTypes(_ rules: [AwardPlanner.LiveRule], event: Event) -> [JSONValue] {
        rules.filter { $0.rule.on != event.type }.sorted { $0.rule.id < $1.rule.id }.map { live in
            .object(JSONObject([
                ("rule_id", .string(live.rule.id)), ("rule_version", .int(Int64(live.version))),
                ("on", .string(live.rule.on)), ("applies", .bool(false)), ("type_matches", .bool(false)),
                ("reason", .string("the rule is on \(live.rule.on), the event is \(event.type)")),
                ("notes", []), ("conditions", .null), ("awards", []), ("would_award", []),
            ]))
        }
    }
}

extension PlannedAward {
    public var json: JSONValue {
        .object(JSONObject([
            ("rule_id", .string(ruleID)), ("rule_version", .int(Int64(ruleVersion))), ("effect_index", .int(Int64(effectIndex))),
            ("currency", .string(currency)), ("amount", .int(amount)), ("to", .string(holder.description)),
        ]))
    }
}

extension RuleDecision {
    /// The full explain of one rule: the evaluation (conditions, computed amounts) and what the
    /// planner made of it (limits, recipients, the awards left).
    public var explainJSON: JSONValue {
        var object = outcome.json.objectValue ?? JSONObject()
        object["rule_version"] = .int(Int64(ruleVersion))
        object["notes"] = .array(notes.map(JSONValue.string))
        object["would_award"] = .array(awards.map(\.json))
        return .object(JSONObject(
            ["rule_id", "rule_version", "applies", "type_matches", "in_active_window", "reason", "notes", "conditions", "awards",
             "would_award"].compactMap { key in object[key].map { (key: key, value: $0) } }))
    }
}

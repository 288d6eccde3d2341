/// What an event does to its member's quests, in the event's transaction: the `QuestPlan`
/// applied — each enrollment saved, the step's and the quest's rewards given when they are done,
/// and the member told (`quest_step`, `quest_complete` templates). The answer lists each quest the
/// event touched.
struct QuestTracker {
    private(set) var items: [JSONValue] = []
    /// Holders credited by quest rewards, and the member's organization when a badge was given
    /// (its `members_with_badge` tier criteria may count it): what tiers re-evaluate.
    private(set) var holders: [LedgerHolder] = []

    static func track(
        _ subject: AwardSubject, event: Event, counters: any CounterSource, timeZone: ProgramTimeZone, at: Timestamp,
        ruleSteps: [String: Set<String>] = [:], in store: any StoreWriter
    ) throws -> QuestTracker {
        var tracker = QuestTracker()
        guard let member = subject.member else { return tracker }
        let plan = try QuestPlan.make(
            subject, eventType: event.type, occurredAt: event.occurredAt, counters: counters, timeZone: timeZone, ruleSteps: ruleSteps,
            in: store)
        var messenger: Messenger?
        for var entry in plan.entries {
            var item = entry.json
            if case .counted(let stepID, let stepCompleted, let questCompleted) = entry.advance {
                let quest = entry.quest
                guard let step = quest.steps.first(where: { $0.id == stepID }) else { preconditionFailure("advance names a step of the quest") }
                if messenger == nil, stepCompleted { messenger = try Messenger(in: store) }
                var rewards = QuestRewards()
                if stepCompleted {
                    var given = QuestRewards()
                    try given.give(
                        step.reward, source: "quest:\(quest.id)/\(step.id)", reason: "quest \(quest.id): step \(step.id)", member: member,
                        event: event, facts: plan.facts, in: store)
                    entry.enrollment.steps[step.id]?.granted = given.grant(eventID: event.id)
                    rewards.merge(given)
                    try messenger?.send(.questStep, to: member.id, values: stepValues(quest, step, entry.enrollment), eventID: event.id, at: at)
                }
                if questCompleted {
                    var given = QuestRewards()
                    try given.give(
                        quest.completion, source: "quest:\(quest.id)", reason: "quest \(quest.id): completed", member: member, event: event,
                        facts: plan.facts, in: store)
                    entry.enrollment.completionGranted = given.grant(eventID: event.id)
                    rewards.merge(given)
                    try messenger?.send(.questComplete, to: member.id, values: ["quest_name": quest.name, "quest_id": quest.id],
                                        eventID: event.id, at: at)
                }
                try store.save(entry.enrollment)
                tracker.holders += rewards.holders
                if !rewards.badges.isEmpty { tracker.holders.append(.organization(member.organizationID)) }
                item["rewards"] = rewards.json
            }
            tracker.items.append(.object(item))
        }
        return tracker
    }

    private static func stepValues(_ quest: Quest, _ step: Quest.Step, _ enrollment: QuestEnrollment) -> [String: String] {
        [
            "quest_name": quest.name, "quest_id": quest.id, "step_id": step.id, "step_name": step.name ?? step.id,
            "steps_done": String(quest.steps.filter(enrollment.isDone).count), "steps_total": String(quest.steps.count),
        ]
    }
}

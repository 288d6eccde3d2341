/// What an event does to its member's quests, in the event's transaction: for each quest with a
/// step the event matches (type and conditions), join it when enrollment is automatic and the
/// member is in its audience, count the event for one step (`QuestEnrollment.advance`), give the
/// step's and the quest's rewards when they are done, and tell the member (`quest_step`,
/// `quest_complete` templates). The answer lists each quest the event touched.
struct QuestTracker {
    private(set) var items: [JSONValue] = []
    /// Holders credited by quest rewards, and the member's organization when a badge was given
    /// (its `members_with_badge` tier criteria may count it): what tiers re-evaluate.
    private(set) var holders: [LedgerHolder] = []

    static func track(
        _ subject: AwardSubject, event: Event, counters: any CounterSource, timeZone: ProgramTimeZone, at: Timestamp,
        in store: any StoreWriter
    ) throws -> QuestTracker {
        var tracker = QuestTracker()
        guard let member = subject.member else { return tracker }
        let quests = try store.allQuests().filter { $0.listens(to: event.type) }
        guard !quests.isEmpty else { return tracker }
        let facts = RuleEvaluator.factLookup(
            event: EventFacts(type: event.type, occurredAt: event.occurredAt), facts: EventFactSource(subject: subject, counters: counters),
            timeZone: timeZone)
        var messenger: Messenger?
        for quest in quests {
            let matching = quest.steps.indices.filter { index in
                let step = quest.steps[index]
                return step.eventType == event.type
                    && (step.when.map { ConditionEvaluator(facts: facts).evaluate($0, path: "$").passed } ?? true)
            }
            // Before the quest starts nothing counts; after it ends, the deadline says so to those enrolled.
            guard !matching.isEmpty, quest.startsAt.map({ event.occurredAt >= $0 }) ?? true else { continue }
            var joined = false
            var enrollment: QuestEnrollment
            if let existing = try store.questEnrollment(questID: quest.id, memberID: member.id) {
                enrollment = existing
                // The quest's end may have moved since they joined: the current definition decides.
                enrollment.deadline = quest.deadline(enrolledAt: existing.enrolledAt)
            } else {
                guard quest.enrollment == .automatic, quest.isOpen(at: event.occurredAt),
                      try quest.audience.refusal(member: member, organization: subject.organization, in: store) == nil
                else { continue }
                enrollment = QuestEnrollment(joining: quest, memberID: member.id, at: event.occurredAt, how: .automatic)
                joined = true
            }
            guard let advance = enrollment.advance(quest, matching: matching, at: event.occurredAt) else { continue }
            var item = JSONObject([("quest_id", .string(quest.id)), ("name", .string(quest.name)), ("joined", .bool(joined))])
            switch advance {
            case .outOfOrder(let stepID, let blockedBy):
                item["counted"] = false
                item["step_id"] = .string(stepID)
                item["reason"] = .string("the quest is ordered: step \(blockedBy) comes first")
            case .tooLate(let deadline):
                item["counted"] = false
                item["reason"] = .string("the deadline was \(deadline.rfc3339)")
            case .tooEarly(let enrolledAt):
                item["counted"] = false
                item["reason"] = .string("the event happened before the member joined at \(enrolledAt.rfc3339)")
            case .counted(let stepID, let stepCompleted, let questCompleted):
                guard let step = quest.steps.first(where: { $0.id == stepID }) else { preconditionFailure("advance names a step of the quest") }
                if messenger == nil, stepCompleted { messenger = try Messenger(in: store) }
                var rewards = QuestRewards()
                if stepCompleted {
                    var given = QuestRewards()
                    try given.give(
                        step.reward, source: "quest:\(quest.id)/\(step.id)", reason: "quest \(quest.id): step \(step.id)", member: member,
                        event: event, facts: facts, in: store)
                    enrollment.steps[step.id]?.granted = given.grant(eventID: event.id)
                    rewards.merge(given)
                    try messenger?.send(.questStep, to: member.id, values: stepValues(quest, step, enrollment), eventID: event.id, at: at)
                }
                if questCompleted {
                    var given = QuestRewards()
                    try given.give(
                        quest.completion, source: "quest:\(quest.id)", reason: "quest \(quest.id): completed", member: member, event: event,
                        facts: facts, in: store)
                    enrollment.completionGranted = given.grant(eventID: event.id)
                    rewards.merge(given)
                    try messenger?.send(.questComplete, to: member.id, values: ["quest_name": quest.name, "quest_id": quest.id],
                                        eventID: event.id, at: at)
                }
                try store.save(enrollment)
                tracker.holders += rewards.holders
                if !rewards.badges.isEmpty { tracker.holders.append(.organization(member.organizationID)) }
                item["counted"] = true
                item["step_id"] = .string(stepID)
                item["count"] = .int(enrollment.steps[stepID]?.count ?? 0)
                item["target"] = .int(step.count)
                item["step_completed"] = .bool(stepCompleted)
                item["quest_completed"] = .bool(questCompleted)
                item["next_step"] = enrollment.nextStep(of: quest).map { QuestView.stepSummary($0, in: enrollment) } ?? .null
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

/// What an event would do to its member's quests, worked out from reads alone: for each quest with
/// a step the event matches (type and conditions, or a rule's `quest` effect naming it), whether the member joins it (automatic
/// enrollment, in its audience, while it is open) and what `QuestEnrollment.advance` says. Real
/// processing applies it (`QuestTracker`); a dry run shows it.
struct QuestPlan {
    struct Entry {
        var quest: Quest
        /// The enrollment as the event leaves it.
        var enrollment: QuestEnrollment
        var joined: Bool
        var advance: QuestEnrollment.Advance
    }

    private(set) var entries: [Entry] = []
    /// The event's facts as its quests' conditions and award amounts read them.
    let facts: (FactPath) -> FactValue?

    static func make(
        _ subject: AwardSubject, eventType: String, occurredAt: Timestamp, counters: any CounterSource, timeZone: ProgramTimeZone,
        ruleSteps: [String: Set<String>] = [:], in store: any StoreReader
    ) throws -> QuestPlan {
        let facts = RuleEvaluator.factLookup(
            event: EventFacts(type: eventType, occurredAt: occurredAt), facts: EventFactSource(subject: subject, counters: counters),
            timeZone: timeZone)
        var plan = QuestPlan(facts: facts)
        guard let member = subject.member else { return plan }
        for quest in try store.allQuests() where quest.listens(to: eventType) || ruleSteps[quest.id] != nil {
            let named = ruleSteps[quest.id] ?? []
            let matching = quest.steps.indices.filter { index in
                let step = quest.steps[index]
                return named.contains(step.id)
                    || step.eventType == eventType && (step.when.map { ConditionEvaluator(facts: facts).evaluate($0, path: "$").passed } ?? true)
            }
            // Before the quest starts nothing counts; after it ends, the deadline says so to those enrolled.
            guard !matching.isEmpty, quest.startsAt.map({ occurredAt >= $0 }) ?? true else { continue }
            var joined = false
            var enrollment: QuestEnrollment
            if let existing = try store.questEnrollment(questID: quest.id, memberID: member.id) {
                enrollment = existing
                // The quest's end may have moved since they joined: the current definition decides.
                enrollment.deadline = quest.deadline(enrolledAt: existing.enrolledAt)
            } else {
                guard quest.enrollment == .automatic, quest.isOpen(at: occurredAt),
                      try quest.audience.refusal(member: member, organization: subject.organization, in: store) == nil
                else { continue }
                enrollment = QuestEnrollment(joining: quest, memberID: member.id, at: occurredAt, how: .automatic)
                joined = true
            }
            guard let advance = enrollment.advance(quest, matching: matching, at: occurredAt) else { continue }
            // A member joins with the first event that counts: one refused (out of order) joins nothing yet.
            if case .counted = advance {} else { joined = false }
            plan.entries.append(Entry(quest: quest, enrollment: enrollment, joined: joined, advance: advance))
        }
        return plan
    }
}

extension QuestPlan.Entry {
    /// The answer's item for this quest, without what was given: whether the event counted (and
    /// why not), the step's count and target, and what comes next.
    var json: JSONObject {
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
            item["counted"] = true
            item["step_id"] = .string(stepID)
            item["count"] = .int(enrollment.steps[stepID]?.count ?? 0)
            item["target"] = .int(quest.steps.first { $0.id == stepID }?.count ?? 0)
            item["step_completed"] = .bool(stepCompleted)
            item["quest_completed"] = .bool(questCompleted)
            item["next_step"] = enrollment.nextStep(of: quest).map { QuestView.stepSummary($0, in: enrollment) } ?? .null
        }
        return item
    }

    /// What the step and the quest give, as defined, when this event finishes them: for a dry run.
    var wouldGive: JSONValue {
        guard case .counted(let stepID, let stepCompleted, let questCompleted) = advance else { return .array([]) }
        var given: [JSONValue] = []
        if stepCompleted, let rewards = quest.steps.first(where: { $0.id == stepID })?.rewardSource?.arrayValue { given += rewards }
        if questCompleted, let rewards = quest.completionSource?.arrayValue { given += rewards }
        return .array(given)
    }
}

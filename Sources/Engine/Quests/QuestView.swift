/// Where a member stands on quests: every quest they joined (active, completed or expired) and
/// every open quest they may join, each with its steps' progress and the next step to do.
public enum QuestView {
    public static func member(
        _ memberID: String, as principal: Principal, page: PageRequest, now: Timestamp, in store: any StoreReader
    ) throws -> Page<JSONValue> {
        let member = try MemberCommands.get(memberID, as: principal, in: store).member
        let organization = try store.organization(id: member.organizationID)
        let enrollments = Dictionary(
            try store.questEnrollments(memberID: member.id).map { ($0.questID, $0) }, uniquingKeysWith: { first, _ in first })
        var shown: [(Quest, QuestEnrollment?)] = []
        for quest in try store.allQuests() where quest.id > (page.after ?? "") {
            if let enrollment = enrollments[quest.id] {
                shown.append((quest, enrollment))
            } else if quest.isOpen(at: now), try quest.audience.refusal(member: member, organization: organization, in: store) == nil {
                shown.append((quest, nil))
            }
            if shown.count > page.limit { break }
        }
        return Page(fetched: shown, limit: page.limit, key: \.0.id).map { entry($0, $1, memberID: member.id, now: now) }
    }

    /// Who joined a quest and where each stands, by member id; a partner key sees its own
    /// organization's members only.
    public static func enrollments(
        questID: String, as principal: Principal, page: PageRequest, now: Timestamp, in store: any StoreReader
    ) throws -> Page<JSONValue> {
        let quest = try QuestCommands.get(questID, in: store)
        let scope = principal.role == .partner ? principal.organizationID : nil
        return try store.questEnrollments(questID: quest.id, organizationID: scope, page: page).map { enrollment in
            guard case .object(var entry) = entry(quest, enrollment, memberID: enrollment.memberID, now: now) else { return .null }
            entry["quest"] = nil
            return .object(JSONObject([("member_id", .string(enrollment.memberID))] + entry.entries))
        }
    }

    /// One quest as the member sees it. Not enrolled: `status` is `available` (automatic: the
    /// first matching event joins) or `enrollable` (explicit: join through the enrollments route).
    public static func entry(_ quest: Quest, _ enrollment: QuestEnrollment?, memberID: String, now: Timestamp) -> JSONValue {
        let progress = enrollment ?? QuestEnrollment(joining: quest, memberID: memberID, at: now, how: quest.enrollment)
        let status = enrollment.map { $0.status(at: now).rawValue } ?? (quest.enrollment == .automatic ? "available" : "enrollable")
        let done = quest.steps.filter(progress.isDone).count
        return .object(JSONObject([
            ("quest", .object(JSONObject([
                ("id", .string(quest.id)), ("name", .string(quest.name)), ("description", .optional(quest.description)),
                ("ordered", .bool(quest.ordered)), ("enrollment", .string(quest.enrollment.rawValue)),
            ]))),
            ("status", .string(status)),
            ("enrolled_at", enrollment.map { .string($0.enrolledAt.rfc3339) } ?? .null),
            ("deadline", (enrollment.map { quest.deadline(enrolledAt: $0.enrolledAt) } ?? quest.endsAt).map { .string($0.rfc3339) } ?? .null),
            ("completed_at", enrollment?.completedAt.map { .string($0.rfc3339) } ?? .null),
            ("steps_done", .int(Int64(done))), ("steps_total", .int(Int64(quest.steps.count))),
            ("percent", .int(Int64(quest.steps.isEmpty ? 0 : done * 100 / quest.steps.count))),
            ("steps", .array(quest.steps.map { stepSummary($0, in: progress) })),
            ("next_step", progress.completedAt == nil ? progress.nextStep(of: quest).map { stepSummary($0, in: progress) } ?? .null : .null),
        ]))
    }

    /// A step with the member's count, what remains, and when it was done.
    static func stepSummary(_ step: Quest.Step, in enrollment: QuestEnrollment) -> JSONValue {
        let progress = enrollment.steps[step.id] ?? QuestEnrollment.StepProgress()
        return .object(JSONObject([
            ("id", .string(step.id)), ("name", .optional(step.name)), ("event_type", .string(step.eventType)),
            ("count", .int(min(progress.count, step.count))), ("target", .int(step.count)),
            ("remaining", .int(max(0, step.count - progress.count))), ("done", .bool(progress.count >= step.count)),
            ("completed_at", progress.completedAt.map { .string($0.rfc3339) } ?? .null),
        ]))
    }
}

/// Quests are program configuration: every key may read them, only admin keys change them.
/// Members join explicit quests through `enroll`, by whoever may manage them.
public enum QuestCommands {
    public static func get(_ id: String, in store: any StoreReader) throws -> Quest {
        try ConfigurationWrites.get(id, load: store.quest(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Quest> {
        try store.quests(page: page)
    }

    /// Refused (422) when a reward names a currency or badge that does not exist.
    public static func put(_ id: String, _ draft: QuestDraft, context: ChangeContext, in store: any StoreWriter) throws -> ConfigurationWrites.Put<Quest> {
        try ConfigurationWrites.put(
            id, context: context, in: store, load: store.quest(id:),
            make: { draft.quest(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save,
            missing: {
                try draft.steps.enumerated().flatMap { index, step in
                    try RuleCatalogCommands.effectProblems(step.reward, at: "$.steps[\(index)].reward", in: store)
                } + RuleCatalogCommands.effectProblems(draft.completion, at: "$.completion", in: store)
            })
    }

    /// Members' enrollments are retired, not erased: what they did is history, but a quest created
    /// again under the id is a new quest that nobody has started. Refused (409) while a live rule's
    /// `quest` effect names it.
    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(
            id, context: context, in: store, load: store.quest(id:), references: { try ConfigurationReferences.toQuest($0, in: store) },
            remove: { try store.deleteQuest(id: $0, at: context.at) })
    }

    public struct Enrolled: Sendable {
        public var entry: JSONValue
        public var created: Bool
    }

    /// The body of an enrollment: `{"member_id": "…"}`.
    public static func parseEnrollment(_ body: JSONValue) throws(DomainError) -> String {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["member_id"])
        let memberID = reader.string("member_id", required: true, rule: .identifier)
        try report.check()
        guard let memberID else { fatalError("problems were reported") }
        return memberID
    }

    /// Joins a member to a quest now (explicit quests need it; joining an automatic one early
    /// starts its deadline). Already enrolled: the enrollment as it is. Refused when the quest is
    /// not open or the member is not in its audience (422), by viewer keys (403), and for members
    /// outside a partner key's organization (404).
    public static func enroll(questID: String, memberID: String, context: ChangeContext, in store: any StoreWriter) throws -> Enrolled {
        guard let principal = context.principal else { preconditionFailure("enrollments come through the API") }
        let quest = try get(questID, in: store)
        let member = try MemberCommands.get(memberID, as: principal, in: store).member
        guard principal.canManageMembers(of: member.organizationID) else {
            throw DomainError.forbidden("a \(principal.role.rawValue) key cannot enroll members")
        }
        if let existing = try store.questEnrollment(questID: quest.id, memberID: member.id) {
            return Enrolled(entry: QuestView.entry(quest, existing, memberID: member.id, now: context.at), created: false)
        }
        var problems: [ValidationError] = []
        if !quest.isOpen(at: context.at) {
            problems.append(ValidationError(path: "$.quest_id", message: "the quest is not open now"))
        }
        if let refusal = try quest.audience.refusal(member: member, organization: try store.organization(id: member.organizationID), in: store) {
            problems.append(ValidationError(path: "$.member_id", message: "not in the quest's audience: \(refusal)"))
        }
        if !problems.isEmpty { throw DomainError.unprocessable(problems) }
        let enrollment = QuestEnrollment(joining: quest, memberID: member.id, at: context.at, how: .explicit)
        try store.save(enrollment)
        return Enrolled(entry: QuestView.entry(quest, enrollment, memberID: member.id, now: context.at), created: true)
    }
}

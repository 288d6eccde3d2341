import Engine

struct InMemoryQuestState: Sendable {
    var quests: [String: Quest] = [:]
    /// By quest id, then member id.
    var enrollments: [String: [String: QuestEnrollment]] = [:]
}

/// Quests and enrollments, as the SQL store keeps them.
extension InMemoryTransaction {
    func quest(id: String) throws -> Quest? { state.quests.quests[id] }

    func quests(page request: PageRequest) throws -> Page<Quest> {
        let rest = try allQuests().filter { $0.id > (request.after ?? "") }
        return Page(fetched: Array(rest.prefix(request.limit + 1)), limit: request.limit, key: \.id)
    }

    func allQuests() throws -> [Quest] { state.quests.quests.values.sorted { $0.id < $1.id } }

    func questEnrollment(questID: String, memberID: String) throws -> QuestEnrollment? { state.quests.enrollments[questID]?[memberID] }

    func questEnrollments(memberID: String) throws -> [QuestEnrollment] {
        state.quests.enrollments.keys.sorted().filter { state.quests.quests[$0] != nil }.compactMap { state.quests.enrollments[$0]?[memberID] }
    }

    func questEnrollments(questID: String, organizationID: String?, page request: PageRequest) throws -> Page<QuestEnrollment> {
        let all = (state.quests.enrollments[questID] ?? [:]).values.sorted { $0.memberID < $1.memberID }
        let rest = all.filter { enrollment in
            enrollment.memberID > (request.after ?? "")
                && organizationID.map { state.members[enrollment.memberID]?.organizationID == $0 } ?? true
        }
        return Page(fetched: Array(rest.prefix(request.limit + 1)), limit: request.limit, key: \.memberID)
    }

    func save(_ quest: Quest) throws { state.quests.quests[quest.id] = quest }

    func deleteQuest(id: String, at: Timestamp) throws {
        state.quests.quests[id] = nil
        state.quests.enrollments[id] = nil
    }

    func save(_ enrollment: QuestEnrollment) throws {
        state.quests.enrollments[enrollment.questID, default: [:]][enrollment.memberID] = enrollment
    }

}

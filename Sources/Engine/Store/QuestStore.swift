public protocol QuestReader {
    func quest(id: String) throws -> Quest?
    /// Ordered by id.
    func quests(page: PageRequest) throws -> Page<Quest>
    /// Every quest, by id: what each event is matched against (decoded once per change).
    func allQuests() throws -> [Quest]
    func questEnrollment(questID: String, memberID: String) throws -> QuestEnrollment?
    /// A member's enrollments in the quests that exist, by quest id.
    func questEnrollments(memberID: String) throws -> [QuestEnrollment]
    /// A quest's enrollments by member id, after `page.after`; only members of `organizationID`
    /// (their current organization) when given.
    func questEnrollments(questID: String, organizationID: String?, page: PageRequest) throws -> Page<QuestEnrollment>
}

public protocol QuestWriter: QuestReader {
    /// Inserts or replaces by id.
    func save(_ quest: Quest) throws
    /// Deletes the definition and retires its enrollments at `at`: they stay history (the feed
    /// and analytics still count their completions), but a quest created again under the id
    /// starts from none.
    func deleteQuest(id: String, at: Timestamp) throws
    /// Inserts or replaces by quest and member.
    func save(_ enrollment: QuestEnrollment) throws
}

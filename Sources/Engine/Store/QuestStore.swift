public protocol QuestReader {
    func quest(id: String) throws -> Quest?
    /// Ordered by id.
    func quests(page: PageRequest) throws -> Page<Quest>
    /// Every quest, by id: what each event is matched against (decoded once per change).
    func allQuests() throws -> [Quest]
    func questEnrollment(questID: String, memberID: String) throws -> QuestEnrollment?
    /// A member's enrollments, by quest id.
    func questEnrollments(memberID: String) throws -> [QuestEnrollment]
    /// A quest's enrollments by member id, after `page.after`; only members of `organizationID`
    /// (their current organization) when given.
    func questEnrollments(questID: String, organizationID: String?, page: PageRequest) throws -> Page<QuestEnrollment>
    /// Which quest step of which member an event counted for.
    func questContributions(eventID: String) throws -> [QuestContribution]
}

public protocol QuestWriter: QuestReader {
    /// Inserts or replaces by id.
    func save(_ quest: Quest) throws
    /// Deletes the definition; enrollments stay (what members did is history).
    func deleteQuest(id: String) throws
    /// Inserts or replaces by quest and member.
    func save(_ enrollment: QuestEnrollment) throws
    func insert(_ contribution: QuestContribution) throws
    func deleteQuestContributions(eventID: String) throws
}

/// One event counted for one step of a member's quest.
public struct QuestContribution: Sendable, Equatable {
    public var eventID: String
    public var questID: String
    public var memberID: String
    public var stepID: String

    public init(eventID: String, questID: String, memberID: String, stepID: String) {
        self.eventID = eventID
        self.questID = questID
        self.memberID = memberID
        self.stepID = stepID
    }
}

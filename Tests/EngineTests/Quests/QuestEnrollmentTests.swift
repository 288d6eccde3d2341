import Testing
@testable import Engine

struct QuestEnrollmentTests {
    static let start = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)
    static let day: Int64 = 86_400_000

    static func quest(ordered: Bool, deadlineDays: Int64? = nil, endsAt: Timestamp? = nil) throws -> Quest {
        var text = #"{"name": "Onboarding", "ordered": \#(ordered), "steps": ["#
            + #"{"id": "watch", "match": {"type": "video.watched"}}, "#
            + #"{"id": "quiz", "match": {"type": "quiz.passed"}, "count": 2}, "#
            + #"{"id": "deal", "match": {"type": "deal.closed"}}]"#
        if let deadlineDays { text += #", "deadline_days": \#(deadlineDays)"# }
        if let endsAt { text += #", "ends_at": "\#(endsAt.rfc3339)""# }
        return try QuestDraft.parse(try JSONParser.parse(text + "}"), id: "q").quest(id: "q", createdAt: start, updatedAt: start)
    }

    static func at(_ days: Int64) -> Timestamp { start.adding(milliseconds: days * day) }

    @Test func anUnorderedQuestCountsStepsInAnyOrderAndCompletesWithTheLast() throws {
        let quest = try Self.quest(ordered: false)
        var enrollment = QuestEnrollment(joining: quest, memberID: "m", at: Self.start, how: .automatic)
        #expect(enrollment.advance(quest, matching: [2], at: Self.at(1)) == .counted(stepID: "deal", stepCompleted: true, questCompleted: false))
        #expect(enrollment.advance(quest, matching: [1], at: Self.at(1)) == .counted(stepID: "quiz", stepCompleted: false, questCompleted: false))
        #expect(enrollment.advance(quest, matching: [1], at: Self.at(2)) == .counted(stepID: "quiz", stepCompleted: true, questCompleted: false))
        #expect(enrollment.advance(quest, matching: [1], at: Self.at(2)) == nil, "a done step counts no more")
        #expect(enrollment.nextStep(of: quest)?.id == "watch")
        #expect(enrollment.advance(quest, matching: [0], at: Self.at(3)) == .counted(stepID: "watch", stepCompleted: true, questCompleted: true))
        #expect(enrollment.completedAt == Self.at(3))
        #expect(enrollment.status(at: Self.at(100)) == .completed)
        #expect(enrollment.advance(quest, matching: [0], at: Self.at(4)) == nil, "a completed quest changes no more")
    }

    @Test func anOrderedQuestRefusesALaterStepUntilTheEarlierOnesAreDone() throws {
        let quest = try Self.quest(ordered: true)
        var enrollment = QuestEnrollment(joining: quest, memberID: "m", at: Self.start, how: .explicit)
        #expect(enrollment.advance(quest, matching: [2], at: Self.at(1)) == .outOfOrder(stepID: "deal", blockedBy: "watch"))
        #expect(enrollment.steps.isEmpty, "a refused event changes nothing")
        #expect(enrollment.advance(quest, matching: [0], at: Self.at(1)) == .counted(stepID: "watch", stepCompleted: true, questCompleted: false))
        #expect(enrollment.advance(quest, matching: [2], at: Self.at(1)) == .outOfOrder(stepID: "deal", blockedBy: "quiz"))
        _ = enrollment.advance(quest, matching: [1], at: Self.at(2))
        _ = enrollment.advance(quest, matching: [1], at: Self.at(2))
        #expect(enrollment.advance(quest, matching: [2], at: Self.at(3)) == .counted(stepID: "deal", stepCompleted: true, questCompleted: true))
    }

    @Test func anEventMatchingTwoStepsCountsForTheFirstOpenOneOnly() throws {
        let quest = try QuestDraft.parse(try JSONParser.parse(
            #"{"name": "Two deals", "steps": [{"id": "a", "match": {"type": "deal"}}, {"id": "b", "match": {"type": "deal"}}]}"#), id: "t")
            .quest(id: "t", createdAt: Self.start, updatedAt: Self.start)
        var enrollment = QuestEnrollment(joining: quest, memberID: "m", at: Self.start, how: .automatic)
        #expect(enrollment.advance(quest, matching: [0, 1], at: Self.at(1)) == .counted(stepID: "a", stepCompleted: true, questCompleted: false))
        #expect(enrollment.advance(quest, matching: [0, 1], at: Self.at(1)) == .counted(stepID: "b", stepCompleted: true, questCompleted: true))
    }

    @Test func theDeadlineIsTheEarlierOfTheQuestsEndAndTheMembersOwnDays() throws {
        let ending = try Self.quest(ordered: false, deadlineDays: 10, endsAt: Self.at(5))
        #expect(ending.deadline(enrolledAt: Self.start) == Self.at(5))
        let own = try Self.quest(ordered: false, deadlineDays: 3)
        var enrollment = QuestEnrollment(joining: own, memberID: "m", at: Self.at(1), how: .explicit)
        #expect(enrollment.deadline == Self.at(4))
        #expect(enrollment.advance(own, matching: [0], at: Self.start) == .tooEarly(enrolledAt: Self.at(1)))
        #expect(enrollment.advance(own, matching: [0], at: Self.at(4)) == .tooLate(deadline: Self.at(4)), "the deadline is exclusive")
        #expect(enrollment.status(at: Self.at(4)) == .expired)
        #expect(enrollment.status(at: Self.at(3)) == .active)
        #expect(enrollment.advance(own, matching: [0], at: Self.at(3)) == .counted(stepID: "watch", stepCompleted: true, questCompleted: false))
    }

    @Test func takingBackACountReopensTheStepAndACompletedQuest() throws {
        let quest = try Self.quest(ordered: false)
        var enrollment = QuestEnrollment(joining: quest, memberID: "m", at: Self.start, how: .automatic)
        for index in [0, 1, 1, 2] { _ = enrollment.advance(quest, matching: [index], at: Self.at(1)) }
        #expect(enrollment.completedAt != nil)
        enrollment.steps["quiz"]?.granted = QuestGrant(eventID: "q2", postingIDs: [7])
        enrollment.completionGranted = QuestGrant(eventID: "d1", badgeIDs: ["certified"])
        let reopened = enrollment.takeBack(stepID: "quiz", of: quest, at: Self.at(2))
        #expect(reopened == .init(reopenedQuest: true, grants: [QuestGrant(eventID: "q2", postingIDs: [7]), QuestGrant(eventID: "d1", badgeIDs: ["certified"])]),
                "what the step and the completion gave is to be taken back, whichever event gave it")
        #expect(enrollment.completedAt == nil && enrollment.completionGranted == nil && enrollment.steps["quiz"] == .init(count: 1, completedAt: nil))
        let again = enrollment.takeBack(stepID: "quiz", of: quest, at: Self.at(2))
        #expect(again == .init(), "already open: nothing more to take back")
        let nothingLeft = enrollment.takeBack(stepID: "quiz", of: quest, at: Self.at(2))
        #expect(nothingLeft == .init(), "nothing left to take")
        #expect(enrollment.steps["quiz"]?.count == 0)
        #expect(enrollment.advance(quest, matching: [1], at: Self.at(3)) == .counted(stepID: "quiz", stepCompleted: false, questCompleted: false))
    }
}

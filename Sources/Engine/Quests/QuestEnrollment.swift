/// A member's place in a quest: when and how they joined, their deadline, each step's count, and
/// when the quest was completed. `advance` and `takeBack` are its only transitions: pure, so the
/// rules of ordered and unordered quests are tested without a store.
public struct QuestEnrollment: Sendable, Equatable {
    public struct StepProgress: Sendable, Equatable {
        public var count: Int64
        public var completedAt: Timestamp?
        /// What the step gave when it was done.
        public var granted: QuestGrant?

        public init(count: Int64 = 0, completedAt: Timestamp? = nil, granted: QuestGrant? = nil) {
            self.count = count
            self.completedAt = completedAt
            self.granted = granted
        }
    }

    /// What taking back a count opened again, and the rewards to take back with it.
    public struct TakeBack: Sendable, Equatable {
        public var reopenedQuest = false
        public var grants: [QuestGrant] = []
    }

    public enum Status: String, Sendable, CaseIterable {
        case active, completed, expired
    }

    /// What one event did to the enrollment.
    public enum Advance: Sendable, Equatable {
        /// The event counted for the step; whether that finished the step, and the quest.
        case counted(stepID: String, stepCompleted: Bool, questCompleted: Bool)
        /// An ordered quest's later step: it waits until `blockedBy` is done, and the event does not count.
        case outOfOrder(stepID: String, blockedBy: String)
        /// The event is past the member's deadline (or before they joined).
        case tooLate(deadline: Timestamp)
        case tooEarly(enrolledAt: Timestamp)
    }

    public var questID: String
    public var memberID: String
    public var enrolledAt: Timestamp
    public var enrollment: Quest.Enrollment
    /// Events from this time on no longer count; nil: no deadline.
    public var deadline: Timestamp?
    public var steps: [String: StepProgress]
    public var completedAt: Timestamp?
    /// What completing the quest gave.
    public var completionGranted: QuestGrant?
    public var updatedAt: Timestamp

    public init(
        questID: String, memberID: String, enrolledAt: Timestamp, enrollment: Quest.Enrollment, deadline: Timestamp?,
        steps: [String: StepProgress] = [:], completedAt: Timestamp? = nil, completionGranted: QuestGrant? = nil, updatedAt: Timestamp? = nil
    ) {
        self.completionGranted = completionGranted
        self.questID = questID
        self.memberID = memberID
        self.enrolledAt = enrolledAt
        self.enrollment = enrollment
        self.deadline = deadline
        self.steps = steps
        self.completedAt = completedAt
        self.updatedAt = updatedAt ?? enrolledAt
    }

    /// A member joining `quest` at `at`.
    public init(joining quest: Quest, memberID: String, at: Timestamp, how: Quest.Enrollment) {
        self.init(questID: quest.id, memberID: memberID, enrolledAt: at, enrollment: how, deadline: quest.deadline(enrolledAt: at))
    }

    public func status(at now: Timestamp) -> Status {
        if completedAt != nil { return .completed }
        if let deadline, now >= deadline { return .expired }
        return .active
    }

    public func isDone(_ step: Quest.Step) -> Bool {
        (steps[step.id]?.count ?? 0) >= step.count
    }

    /// The step to do next: in an ordered quest the first not done; in an unordered one too (the
    /// natural suggestion), though any open step counts.
    public func nextStep(of quest: Quest) -> Quest.Step? {
        quest.steps.first { !isDone($0) }
    }

    /// Counts an event at `at` that matches the steps at `matching` (indices into `quest.steps`):
    /// for the first of them not yet done — in an ordered quest only if it is the next step. Nil
    /// when the event changes nothing and needs no explanation (the quest is done, or every step
    /// it matches is done).
    public mutating func advance(_ quest: Quest, matching: [Int], at: Timestamp) -> Advance? {
        guard completedAt == nil else { return nil }
        let open = matching.filter { quest.steps.indices.contains($0) && !isDone(quest.steps[$0]) }
        guard let first = open.first else { return nil }
        if at < enrolledAt { return .tooEarly(enrolledAt: enrolledAt) }
        if let deadline, at >= deadline { return .tooLate(deadline: deadline) }
        var index = first
        if quest.ordered {
            guard let next = quest.steps.firstIndex(where: { !isDone($0) }) else { return nil }
            guard open.contains(next) else { return .outOfOrder(stepID: quest.steps[first].id, blockedBy: quest.steps[next].id) }
            index = next
        }
        let step = quest.steps[index]
        var progress = steps[step.id] ?? StepProgress()
        progress.count += 1
        let stepCompleted = progress.count == step.count
        if stepCompleted { progress.completedAt = at }
        steps[step.id] = progress
        let questCompleted = quest.steps.allSatisfy(isDone)
        if questCompleted { completedAt = at }
        updatedAt = at
        return .counted(stepID: step.id, stepCompleted: stepCompleted, questCompleted: questCompleted)
    }

    /// Takes back one count of a step (its event was reversed). When that leaves the step short, the
    /// step is open again and what it gave is to be taken back; so is what completing the quest
    /// gave, when it had been completed.
    public mutating func takeBack(stepID: String, of quest: Quest?, at: Timestamp) -> TakeBack {
        var result = TakeBack()
        guard var progress = steps[stepID], progress.count > 0 else { return result }
        progress.count -= 1
        updatedAt = at
        let target = quest?.steps.first { $0.id == stepID }?.count ?? progress.count + 1
        if progress.count < target {
            progress.completedAt = nil
            if let granted = progress.granted { result.grants.append(granted) }
            progress.granted = nil
            if completedAt != nil {
                completedAt = nil
                result.reopenedQuest = true
                if let granted = completionGranted { result.grants.append(granted) }
                completionGranted = nil
            }
        }
        steps[stepID] = progress
        return result
    }
}

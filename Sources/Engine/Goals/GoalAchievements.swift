/// Rewarding goal levels: after each fold, the subjects whose totals changed are checked against
/// their goals' levels in the current period (and the one before, for late events, when the goal
/// existed then); a level reached and not yet recorded is recorded with its rewards in one
/// transaction, under a key of goal, subject, period and level — so each is rewarded once.
public enum GoalAchievements {
    /// Levels newly reached, read from the totals as they stand.
    public static func due(
        index: LeaderboardIndex, now: Timestamp, timeZone: ProgramTimeZone, in store: any StoreReader
    ) throws -> [GoalAchievement] {
        let goals = Dictionary(try Page.all(store.goals(page:)).map { ($0.boardKey, $0) }, uniquingKeysWith: { first, _ in first })
        guard !goals.isEmpty else { return [] }
        // Under the lock only what the boards know: totals of the subjects touched since last time.
        let totals = try index.withCurrentBoards(in: store, now: now, timeZone: timeZone) { boards in
            var totals: [(goalBoard: LeaderboardBoardKey, subjectID: String, period: LeaderboardPeriodKey, total: Int64)] = []
            for (boardID, goal) in goals.sorted(by: { $0.key < $1.key }) where boards[boardID] != nil {
                let touched = boards[boardID]!.drainTouched()
                let current = boards[boardID]!.current
                let periods = [current] + (current.previous(kind: goal.period).map { previous in
                    previous.lastDay >= timeZone.localDay(of: goal.createdAt) ? [previous] : []
                } ?? [])
                for subjectID in touched.sorted() {
                    for period in periods {
                        if let total = boards[boardID]!.total(of: subjectID, in: period) { totals.append((boardID, subjectID, period, total)) }
                    }
                }
            }
            return totals
        }
        var due: [GoalAchievement] = []
        for (boardID, subjectID, period, total) in totals {
            guard let goal = goals[boardID], let targets = try targets(of: goal, for: subjectID, in: store) else { continue }
            let recorded = Set(try store.goalAchievements(goalID: goal.id, subjectID: subjectID, limit: 1_000)
                .filter { $0.period == period.name }.map(\.levelID))
            for (level, target) in zip(goal.levels, targets) where total >= target && !recorded.contains(level.id) {
                due.append(GoalAchievement(goalID: goal.id, subjectID: subjectID, period: period.name, levelID: level.id, total: total, reachedAt: now))
            }
        }
        return due
    }

    /// Records the level and gives its rewards; nothing when it was recorded already or the goal is gone.
    public static func record(_ achievement: GoalAchievement, context: ChangeContext, in store: any StoreWriter) throws -> GoalAchievement? {
        guard let goal = try store.goal(id: achievement.goalID),
              let level = goal.levels.first(where: { $0.id == achievement.levelID }),
              try store.insert(achievement) else { return nil }
        let holder: LedgerHolder = goal.subject == .member ? .member(achievement.subjectID) : .organization(achievement.subjectID)
        try RewardGrant.give(
            badge: level.badge, award: level.award, to: holder, occasion: "goal:\(goal.id):\(achievement.period):\(level.id)",
            by: "goal:\(goal.id)", reason: "level \(level.id) of goal \(goal.id), \(achievement.period)", at: achievement.reachedAt, in: store)
        if goal.subject == .member {
            try Messenger(in: store).send(.goalLevel, to: achievement.subjectID, values: [
                "goal_name": goal.name, "level": level.id, "period": achievement.period, "total": String(achievement.total),
            ], at: achievement.reachedAt)
        }
        return achievement
    }

    /// The subject's level targets: fixed, or percentages of its own target attribute (nil when
    /// it has none, or no longer exists).
    static func targets(of goal: Goal, for subjectID: String, in store: any StoreReader) throws -> [Int64]? {
        guard let attribute = goal.targetAttribute else { return goal.targets(subjectTarget: nil) }
        let attributes = goal.subject == .member ? try store.member(id: subjectID)?.attributes : try store.organization(id: subjectID)?.attributes
        let own: Int64? = switch attributes?[attribute] {
        case .int(let value)?: value
        case .double(let value)? where value >= 1 && value < 1e15: Int64(value)
        default: nil
        }
        return goal.targets(subjectTarget: own)
    }
}

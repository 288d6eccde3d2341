/// Where a member or organization stands on each of its goals: this period's total, each level
/// with its target and whether (and when) it was reached, what the next level needs, and the
/// periods before with the levels they reached.
public enum GoalProgress {
    /// Closed periods shown per goal.
    public static let pastPeriods = 3

    public static func view(
        subject: Goal.Subject, id subjectID: String, as principal: Principal, index: LeaderboardIndex, now: Timestamp,
        timeZone: ProgramTimeZone, in store: any StoreReader
    ) throws -> JSONValue {
        switch subject {
        case .member: _ = try MemberCommands.get(subjectID, as: principal, in: store)
        case .organization:
            guard principal.canSee(organizationID: subjectID), try store.organizationExists(id: subjectID) else {
                throw DomainError.notFound(kind: "organization", id: subjectID)
            }
        }
        let goals = try Page.all(store.goals(page:)).filter { $0.subject == subject }
        let totals = try index.withCurrentBoards(in: store, now: now, timeZone: timeZone) { boards in
            goals.map { goal -> [(LeaderboardPeriodKey, Int64)] in
                guard let state = boards[goal.boardKey] else { return [] }
                var periods = [state.current]
                while periods.count <= pastPeriods, let previous = periods.last!.previous(kind: goal.period) { periods.append(previous) }
                return periods.map { ($0, state.total(of: subjectID, in: $0) ?? 0) }
            }
        }
        let items = try zip(goals, totals).map { goal, periods -> JSONValue in
            let targets = try GoalAchievements.targets(of: goal, for: subjectID, in: store)
            let reached = try store.goalAchievements(goalID: goal.id, subjectID: subjectID, limit: 1_000)
            guard let (current, total) = periods.first else { return .null }
            let levels = goal.levels.enumerated().map { index, level -> JSONValue in
                let at = reached.first { $0.period == current.name && $0.levelID == level.id }?.reachedAt
                return .object(JSONObject([
                    ("id", .string(level.id)), ("target", targets.map { .int($0[index]) } ?? .null),
                    ("reached", .bool(at != nil)), ("reached_at", at.map { .string($0.rfc3339) } ?? .null),
                ]))
            }
            let next = targets.flatMap { targets in zip(goal.levels, targets).first { $0.1 > total } }.map { level, target in
                JSONValue.object(JSONObject([("level_id", .string(level.id)), ("target", .int(target)), ("remaining", .int(target - total))]))
            } ?? .null
            let past = periods.dropFirst().map { period, total in
                JSONValue.object(JSONObject([
                    ("period", .string(period.name)), ("total", .int(total)),
                    ("levels_reached", .array(reached.filter { $0.period == period.name }.map { .string($0.levelID) })),
                ]))
            }
            return .object(JSONObject([
                ("goal_id", .string(goal.id)), ("name", .string(goal.name)),
                ("period", .object(JSONObject([
                    ("name", .string(current.name)), ("from", .string(timeZone.startOfLocalDay(current.firstDay).rfc3339)),
                    ("until", .string(timeZone.startOfLocalDay(current.lastDay + 1).rfc3339)),
                ]))),
                ("total", .int(total)),
                ("target_set", .bool(targets != nil)), ("levels", .array(levels)), ("next_level", next), ("past", .array(past)),
            ]))
        }
        return .object(JSONObject([("goals", .array(items))]))
    }
}

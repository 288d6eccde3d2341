import Engine

struct InMemoryLeaderboardState: Sendable {
    var boards: [String: Leaderboard] = [:]
    var closings: [LeaderboardClosing] = []
    var goals: [String: Goal] = [:]
    var templates: [MessageTemplate.Trigger: MessageTemplate] = [:]
    var generation: Int64 = 0
}

/// Leaderboard definitions only: the in-memory store keeps no change feed, so boards read through
/// it stay empty. Ranking is tested end to end over the SQL store.
extension InMemoryTransaction {
    func leaderboard(id: String) throws -> Leaderboard? { state.leaderboards.boards[id] }

    func leaderboards(page request: PageRequest) throws -> Page<Leaderboard> {
        let sorted = state.leaderboards.boards.values.sorted { $0.id < $1.id }
        let rest = request.after.map { after in sorted.filter { $0.id > after } } ?? sorted
        return Page(fetched: Array(rest.prefix(request.limit + 1)), limit: request.limit, key: \.id)
    }

    func leaderboardFeedPosition() throws -> LeaderboardFeedPosition {
        LeaderboardFeedPosition(generation: state.leaderboards.generation, lastPostingID: 0, lastChangeSeq: 0)
    }

    func earningChanges(after: Int64, limit: Int) throws -> EarningChangePage {
        EarningChangePage(changes: [], lastPostingID: nil, reachedEnd: true)
    }

    func changes(after: Int64, limit: Int) throws -> [LoggedChange] { [] }

    func leaderboardClosing(boardID: String, period: String) throws -> LeaderboardClosing? {
        state.leaderboards.closings.first { $0.boardID == boardID && $0.period == period }
    }

    func leaderboardClosings(boardID: String, limit: Int) throws -> [LeaderboardClosing] {
        Array(state.leaderboards.closings.filter { $0.boardID == boardID }.reversed().prefix(limit))
    }

    func insert(_ closing: LeaderboardClosing) throws -> Bool {
        guard try leaderboardClosing(boardID: closing.boardID, period: closing.period) == nil else { return false }
        state.leaderboards.closings.append(closing)
        return true
    }

    func save(_ leaderboard: Leaderboard) throws {
        state.leaderboards.boards[leaderboard.id] = leaderboard
        state.leaderboards.generation += 1
    }

    func deleteLeaderboard(id: String) throws {
        state.leaderboards.boards[id] = nil
        state.leaderboards.generation += 1
    }
}

/// The feed is written by SQL triggers; the in-memory store has none.
extension InMemoryTransaction {
    func feedItems(organizationID: String?, before: Int64?, limit: Int) throws -> [FeedItem] { [] }
}

/// Goal definitions only, as for leaderboards.
extension InMemoryTransaction {
    func goal(id: String) throws -> Goal? { state.leaderboards.goals[id] }

    func goals(page request: PageRequest) throws -> Page<Goal> {
        let sorted = state.leaderboards.goals.values.sorted { $0.id < $1.id }
        let rest = request.after.map { after in sorted.filter { $0.id > after } } ?? sorted
        return Page(fetched: Array(rest.prefix(request.limit + 1)), limit: request.limit, key: \.id)
    }

    func goalAchievements(goalID: String, subjectID: String, limit: Int) throws -> [GoalAchievement] { [] }

    func save(_ goal: Goal) throws {
        state.leaderboards.goals[goal.id] = goal
        state.leaderboards.generation += 1
    }

    func deleteGoal(id: String) throws {
        state.leaderboards.goals[id] = nil
        state.leaderboards.generation += 1
    }

    func insert(_ achievement: GoalAchievement) throws -> Bool { false }
}

/// Message templates are kept; notifications counted from the inbox.
extension InMemoryTransaction {
    func messageTemplate(trigger: MessageTemplate.Trigger) throws -> MessageTemplate? { state.leaderboards.templates[trigger] }

    func messageTemplates() throws -> [MessageTemplate] {
        state.leaderboards.templates.values.sorted { $0.trigger.rawValue < $1.trigger.rawValue }
    }

    func notificationCount(memberID: String, kind: String) throws -> Int {
        state.boosts.notifications.filter { $0.memberID == memberID && $0.kind == kind }.count
    }

    func save(_ template: MessageTemplate) throws { state.leaderboards.templates[template.trigger] = template }

    func deleteMessageTemplate(trigger: MessageTemplate.Trigger) throws { state.leaderboards.templates[trigger] = nil }

    /// No reminders in memory: the reminder job is tested over SQL.
    func pointsExpiringUnreminded(after: Timestamp, through: Timestamp, limit: Int) throws -> [ExpiringPoints] { [] }

    func recordExpiryReminder(holder: LedgerHolder, currency: String, expiresAt: Timestamp, at: Timestamp) throws {}
}

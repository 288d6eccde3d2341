import Dispatch
import Engine
import Synchronization

/// Folds new postings and changes into the in-memory leaderboards (and new interactions into the
/// in-memory scorecards) on a timer, so that a read finds at most a tick's worth to fold; reads
/// would be correct without it, only slower after a burst of writes. At start its first tick
/// ranks every board from the ledger and loads every scorecard template's interactions. Each tick also
/// closes the periods of boards with prizes that have ended (`LeaderboardClosings`) and records
/// the goal levels reached (`GoalAchievements`) and keeps the scorecards of each month that ended
/// (`ScorecardSnapshots`), one write each; while those are written, ticks
/// only fold.
public final class LeaderboardRefresher: @unchecked Sendable {  // `timer` is set once in init; Dispatch sources are thread-safe
    private let environment: APIEnvironment
    private let timer: any DispatchSourceTimer
    private let queue = DispatchQueue(label: "laurel.leaderboards")

    public init(environment: APIEnvironment, intervalMs: Int) {
        self.environment = environment
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: .milliseconds(intervalMs))
    }

    public func start() {
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
    }

    public func stop() {
        timer.cancel()
    }

    /// Whether closings and goal levels are being written; a tick meanwhile only folds.
    private let writing = Mutex(false)

    func tick() {
        let environment = self.environment
        let now = environment.clock.now()
        // While the writes of an earlier tick run, only fold: working out what is due would take
        // the goals' changed subjects and drop them. Ticks and the end of a run share `queue`.
        let busy = writing.withLock { $0 }
        do {
            let (closings, achievements, snapshots) = try environment.store.read { store in
                try environment.leaderboards.refresh(in: store, now: now, timeZone: environment.timeZone)
                try environment.scorecards.refresh(now: now, in: store)
                guard !busy else { return ([LeaderboardClosing](), [GoalAchievement](), [ScorecardSnapshots.Due]()) }
                return (try LeaderboardClosings.due(index: environment.leaderboards, now: now, timeZone: environment.timeZone, in: store),
                        try GoalAchievements.due(index: environment.leaderboards, now: now, timeZone: environment.timeZone, in: store),
                        try ScorecardSnapshots.due(now: now, timeZone: environment.timeZone, in: store))
            }
            let writes = closings.map(Self.write) + achievements.map(Self.write) + snapshots.map(Self.write)
            if !writes.isEmpty {
                writing.withLock { $0 = true }
                run(writes, now: now)
            }
        } catch {
            environment.logger.error("leaderboard refresh failed", [("error", .string("\(error)"))])
        }
    }

    /// One write of the background pass: what it does, and what to log when it did something.
    private typealias Write = @Sendable (any StoreWriter, ChangeContext) throws -> (String, [(String, JSONValue)])?

    private static func write(_ closing: LeaderboardClosing) -> Write {
        { store, context in
            try LeaderboardClosings.close(closing, context: context, in: store).map { closed in
                ("leaderboard period closed", [("leaderboard_id", .string(closed.boardID)), ("period", .string(closed.period)),
                                               ("winners", .int(Int64(closed.winners.count)))])
            }
        }
    }

    private static func write(_ achievement: GoalAchievement) -> Write {
        { store, context in
            try GoalAchievements.record(achievement, context: context, in: store).map { reached in
                ("goal level reached", [("goal_id", .string(reached.goalID)), ("subject_id", .string(reached.subjectID)),
                                        ("period", .string(reached.period)), ("level_id", .string(reached.levelID))])
            }
        }
    }

    private static func write(_ due: ScorecardSnapshots.Due) -> Write {
        { store, context in
            try ScorecardSnapshots.take(due, context: context, in: store).map { suppliers in
                ("scorecard period kept", [("template_id", .string(due.templateID)), ("period", .string(due.period)),
                                           ("suppliers", .int(Int64(suppliers)))])
            }
        }
    }

    /// The writes one after another, each its own transaction; a failed one is logged. A closing
    /// that failed is due again at the next tick; a goal level, when the subject's total next changes.
    private func run(_ writes: [Write], now: Timestamp) {
        guard let next = writes.first else { return writing.withLock { $0 = false } }
        let environment = self.environment
        let context = ChangeContext(principal: nil, at: now, requestID: nil, timeZone: environment.timeZone)
        environment.store.write({ try next($0, context) }) { [self] result in
            switch result {
            case .success(let done?):
                environment.logger.info(done.0, done.1)
            case .success(nil):
                break
            case .failure(let error):
                environment.logger.error("leaderboard or goal write failed", [("error", .string("\(error)"))])
            }
            // Off the writer's thread before submitting the next one.
            queue.async { self.run(Array(writes.dropFirst()), now: now) }
        }
    }
}

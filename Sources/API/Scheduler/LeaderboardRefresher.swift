import Dispatch
import Engine
import Synchronization

/// Folds new postings and changes into the in-memory leaderboards on a timer, so that a read
/// finds at most a tick's worth to fold; reads would be correct without it, only slower after a
/// burst of writes. At start its first tick ranks every board from the ledger. Each tick also
/// closes the periods of boards with prizes that have ended (`LeaderboardClosings`), one write
/// each; a tick that finds a closing still in flight leaves it alone.
public final class LeaderboardRefresher: @unchecked Sendable {  // `timer` is set once in init; Dispatch sources are thread-safe
    private let environment: APIEnvironment
    /// Whether closings are being written; guards against a second tick submitting the same ones.
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

    private let closing = Mutex(false)

    func tick() {
        let environment = self.environment
        let now = environment.clock.now()
        do {
            let due = try environment.store.read { store in
                try environment.leaderboards.refresh(in: store, now: now, timeZone: environment.timeZone)
                return try LeaderboardClosings.due(index: environment.leaderboards, now: now, timeZone: environment.timeZone, in: store)
            }
            if !due.isEmpty, closing.withLock({ busy in defer { busy = true }; return !busy }) { close(due) }
        } catch {
            environment.logger.error("leaderboard refresh failed", [("error", .string("\(error)"))])
        }
    }

    private func close(_ due: [LeaderboardClosing]) {
        guard let next = due.first else { return closing.withLock { $0 = false } }
        let environment = self.environment
        let context = ChangeContext(principal: nil, at: next.closedAt, requestID: nil, timeZone: environment.timeZone)
        environment.store.write({ try LeaderboardClosings.close(next, context: context, in: $0) }) { [self] result in
            switch result {
            case .success(let closed?):
                environment.logger.info("leaderboard period closed", [
                    ("leaderboard_id", .string(closed.boardID)), ("period", .string(closed.period)), ("winners", .int(Int64(closed.winners.count))),
                ])
            case .success(nil):
                break
            case .failure(let error):
                environment.logger.error("leaderboard period close failed", [("leaderboard_id", .string(next.boardID)), ("error", .string("\(error)"))])
            }
            // Off the writer's thread before submitting the next one.
            queue.async { self.close(Array(due.dropFirst())) }
        }
    }
}

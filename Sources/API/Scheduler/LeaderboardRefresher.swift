import Dispatch

/// Folds new postings and changes into the in-memory leaderboards on a timer, so that a read
/// finds at most a tick's worth to fold; reads would be correct without it, only slower after a
/// burst of writes. At start its first tick ranks every board from the ledger.
public final class LeaderboardRefresher: @unchecked Sendable {  // `timer` is set once in init; Dispatch sources are thread-safe
    private let environment: APIEnvironment
    private let timer: any DispatchSourceTimer

    public init(environment: APIEnvironment, intervalMs: Int) {
        self.environment = environment
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "laurel.leaderboards"))
        timer.schedule(deadline: .now(), repeating: .milliseconds(intervalMs))
    }

    public func start() {
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
    }

    public func stop() {
        timer.cancel()
    }

    func tick() {
        let environment = self.environment
        do {
            _ = try environment.store.read { store in
                try environment.leaderboards.refresh(in: store, now: environment.clock.now(), timeZone: environment.timeZone)
            }
        } catch {
            environment.logger.error("leaderboard refresh failed", [("error", .string("\(error)"))])
        }
    }
}

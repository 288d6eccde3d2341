import Dispatch
import Engine
import HTTP
import Synchronization

/// Folds newly committed interactions into the in-memory scorecards soon after each commit that
/// recorded some, off the request's path. The writer walks the interaction log's tail since the
/// last fold to score a new interaction (`InteractionCommands.sums`); folding after commits keeps
/// that tail a batch or two long even when nothing reads scorecards. Requests coalesce: at most
/// one fold waits while another runs.
final class ScorecardFolds: Sendable {
    private let queue = DispatchQueue(label: "laurel.scorecard-folds")
    private let scheduled = Mutex(false)

    func soon(_ environment: APIEnvironment) {
        let schedule = scheduled.withLock { scheduled in
            defer { scheduled = true }
            return !scheduled
        }
        guard schedule else { return }
        queue.async {
            // Cleared before folding, so that a commit made meanwhile schedules the next fold.
            self.scheduled.withLock { $0 = false }
            do {
                try environment.store.read { try environment.scorecards.catchUp(in: $0) }
            } catch {
                environment.logger.error("scorecard fold failed", [("error", .string("\(error)"))])
            }
        }
    }
}

extension APIEnvironment {
    /// `respond`, then a fold soon of what the write committed: for routes that record interactions
    /// or change their status (disputes).
    func foldingScorecards(after respond: @escaping @Sendable (HTTPResponse) -> Void) -> @Sendable (HTTPResponse) -> Void {
        { response in
            respond(response)
            self.scorecardFolds.soon(self)
        }
    }
}

import Dispatch
public import Engine
import Foundation

/// Drives the job table: on each tick it asks a read snapshot whether anything is due and, only
/// then, hands the writer one chunk at a time (`JobRunner.runNext`), submitting the next chunk
/// when the previous one has committed. Event writes queued meanwhile go first, so a large expiry
/// or review never holds the writer for more than one chunk. Ticks never overlap: one that finds
/// a pass still running does nothing.
public final class JobScheduler: Sendable {
    /// Most chunks one pass runs before it yields to the next tick.
    public static let runsPerPassMax = 10_000

    private let store: any ProgramStore
    private let clock: any Clock
    public let settings: JobSettings
    private let state = SchedulerState()
    private let queue = DispatchQueue(label: "laurel.scheduler")

    public init(store: any ProgramStore, clock: any Clock, settings: JobSettings) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// Ticks every `intervalMs` until `stop()`.
    public func start(intervalMs: Int) {
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + .milliseconds(intervalMs), repeating: .milliseconds(intervalMs))
        source.setEventHandler { [weak self] in self?.tick() }
        state.replaceTimer(with: source)
        source.resume()
    }

    public func stop() {
        state.replaceTimer(with: nil)
    }

    /// One pass if none is running; for the timer, and for tests that tick by hand.
    public func tick(completion: @escaping @Sendable ([JobRunner.Run]) -> Void = { _ in }) {
        guard state.beginPass() else { return completion([]) }
        runDue { [state] runs in
            state.endPass()
            completion(runs)
        }
    }

    /// Runs due jobs, a chunk per write, until none is due (or `runsPerPassMax`), then reports
    /// every run. Used by ticks and by `POST /v1/jobs/run`.
    public func runDue(completion: @escaping @Sendable ([JobRunner.Run]) -> Void) {
        let now = clock.now()
        do {
            guard try store.read({ try JobRunner.hasWork(now: now, settings: settings, in: $0) }) else { return completion([]) }
        } catch {
            return completion([])
        }
        step(now: now, runs: [], completion: completion)
    }

    private func step(now: Timestamp, runs: [JobRunner.Run], completion: @escaping @Sendable ([JobRunner.Run]) -> Void) {
        let settings = self.settings
        store.write({ try JobRunner.runNext(now: now, settings: settings, in: $0) }) { [self] result in
            switch result {
            case .success(let run?):
                let all = runs + [run]
                guard all.count < Self.runsPerPassMax else { return completion(all) }
                // Off the writer's thread before submitting again (completions may run on it).
                queue.async { self.step(now: now, runs: all, completion: completion) }
            case .success(nil), .failure:
                completion(runs)
            }
        }
    }
}

/// The timer and whether a pass is running.
private final class SchedulerState: @unchecked Sendable {  // both fields are guarded by `lock`
    private let lock = NSLock()
    private var passing = false
    private var timer: (any DispatchSourceTimer)?

    /// False when a pass is already running.
    func beginPass() -> Bool {
        lock.withLock {
            if passing { return false }
            passing = true
            return true
        }
    }

    func endPass() {
        lock.withLock { passing = false }
    }

    func replaceTimer(with source: (any DispatchSourceTimer)?) {
        let old = lock.withLock {
            let old = timer
            timer = source
            return old
        }
        old?.cancel()
    }
}

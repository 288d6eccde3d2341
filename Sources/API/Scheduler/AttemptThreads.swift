import Foundation

/// Threads of their own for work that blocks on the network (a webhook attempt waits up to its
/// timeout). Dispatch's shared pool has about one thread per core and also runs the writer's
/// completions: attempts parked there by a silent receiver would hold every write answer up.
/// These threads are started once and wait for work; at most `count` attempts run at a time, and
/// the deliverer never submits more than that.
final class AttemptThreads: @unchecked Sendable {  // `jobs` and `stopped` are guarded by `condition`
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopped = false

    init(count: Int, name: String) {
        precondition(count >= 1, "at least one thread")
        for index in 0..<count {
            let thread = Thread { [self] in run() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// The threads finish the job they run, if any, and exit; queued jobs are dropped.
    func stop() {
        condition.withLock {
            stopped = true
            jobs = []
            condition.broadcast()
        }
    }

    private func run() {
        while let job = next() { job() }
    }

    private func next() -> (@Sendable () -> Void)? {
        condition.withLock {
            while jobs.isEmpty && !stopped { condition.wait() }
            return stopped ? nil : jobs.removeFirst()
        }
    }
}

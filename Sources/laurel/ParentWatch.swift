#if canImport(Glibc)
import Glibc
#endif
import API
import Dispatch

/// `exit_with_parent`: when the process that started the server exits, the server is adopted by
/// another (its parent id changes); it then sends itself SIGTERM and shuts down as an operator's
/// SIGTERM would. Polling the parent id needs no cooperation from the parent, unlike a
/// parent-death signal, which Linux ties to the parent's thread rather than to its process.
/// `parent` is the parent id taken as the server began, so an exit during start-up also counts.
enum ParentWatch {
    static let intervalMs = 500

    static func start(parent: pid_t, logger: Logger) -> any DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "laurel.parent-watch"))
        timer.schedule(deadline: .now() + .milliseconds(intervalMs), repeating: .milliseconds(intervalMs))
        timer.setEventHandler {
            guard getppid() != parent else { return }
            logger.warning("the starting process exited; shutting down", [("parent_pid", .int(Int64(parent)))])
            timer.cancel()
            kill(getpid(), SIGTERM)
        }
        timer.resume()
        return timer
    }
}

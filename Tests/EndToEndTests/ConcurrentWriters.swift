import Foundation
import Synchronization

/// Threads that PUT members as fast as the server answers, remembering every id acknowledged with
/// a 2xx. A thread stops at its quota or at its first failed request (e.g. the server was killed).
final class ConcurrentWriters: Sendable {
    private let acknowledgedIDs = Mutex<[String]>([])
    private let group = DispatchGroup()
    private let stopRequested = Atomic<Bool>(false)

    init(client: APIClient, organization: String, threads: Int, requestsPerThread: Int, prefix: String = "w") {
        for thread in 0..<threads {
            let queue = DispatchQueue(label: "writer-\(thread)")
            queue.async(group: group) { [self] in
                for index in 0..<requestsPerThread where !stopRequested.load(ordering: .relaxed) {
                    let id = "\(prefix)-\(thread)-\(index)"
                    guard let response = try? client.member(id, organization: organization), (200..<300).contains(response.status) else { return }
                    acknowledgedIDs.withLock { $0.append(id) }
                }
            }
        }
    }

    var acknowledged: [String] { acknowledgedIDs.withLock { $0 } }

    /// Waits (bounded) until at least `count` writes were acknowledged.
    func waitForAcknowledged(_ count: Int, timeoutSeconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while acknowledged.count < count && Date() < deadline { usleep(5_000) }
        return acknowledged.count >= count
    }

    func stop() { stopRequested.store(true, ordering: .relaxed) }

    /// Waits for every thread to finish; false if they did not within the timeout.
    func join(timeoutSeconds: Double = 60) -> Bool {
        group.wait(timeout: .now() + timeoutSeconds) == .success
    }
}

public import Engine

/// How the deliverer works (config section `webhooks`). Defaults suit a receiver that answers
/// within seconds and may be down for hours.
public struct WebhookSettings: Sendable, Equatable {
    /// How often the deliverer looks for new outbox rows and due deliveries; a finished attempt
    /// also wakes it at once, so a lane's next delivery does not wait for the timer.
    public var pollMs = 250
    /// One attempt's deadline: connecting, sending and reading the status line.
    public var timeoutMs = 10_000
    /// Attempts in flight at once, over all webhooks and lanes.
    public var concurrency = 4
    /// Backoff base, cap of one wait, and retry window.
    public var backoff = WebhookBackoff()
    /// Finished deliveries and sent outbox rows are deleted after this long.
    public var retentionMs: Int64 = 7 * 86_400_000
    /// Most outbox rows one fan-out transaction turns into deliveries.
    public var fanOutBatchMax = 1_000
    /// Most rows one pruning transaction deletes (of each table).
    public var pruneBatchMax = 1_000
    /// How often pruning runs.
    public var pruneIntervalMs: Int64 = 60_000

    public init() {}
}

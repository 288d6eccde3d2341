import Synchronization

/// Counters and histograms for `/metrics`, rendered in the Prometheus text format (0.0.4).
/// One mutex guards all of it: updates are a few dictionary operations, far cheaper than the
/// syscalls around each request.
public final class Metrics: Sendable {
    /// Seconds; spans sub-millisecond reads to multi-second stalls.
    static let latencyBucketsSeconds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    static let batchSizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]

    private struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var latency: [String: Histogram] = [:]
        var commitBatch = Histogram(bounds: Metrics.batchSizeBuckets)
        var commitSeconds = Histogram(bounds: Metrics.latencyBucketsSeconds)
        var walSyncSeconds = Histogram(bounds: Metrics.latencyBucketsSeconds)
        var rateLimited = 0
        var webhookAttempts: [String: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func recordRequest(route: String, method: String, status: Int, durationNs: UInt64) {
        let seconds = Double(durationNs) / 1e9
        state.withLock { state in
            state.requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
            state.latency[route, default: Histogram(bounds: Metrics.latencyBucketsSeconds)].observe(seconds)
        }
    }

    public func recordCommit(batchSize: Int, durationNs: UInt64) {
        state.withLock { state in
            state.commitBatch.observe(Double(batchSize))
            state.commitSeconds.observe(Double(durationNs) / 1e9)
        }
    }

    /// One sync of the WAL that made committed batches durable before they were answered.
    public func recordWALSync(durationNs: UInt64) {
        state.withLock { $0.walSyncSeconds.observe(Double(durationNs) / 1e9) }
    }

    public func recordRateLimited() {
        state.withLock { $0.rateLimited += 1 }
    }

    /// A recorded webhook attempt, by what it left the delivery as: delivered, retrying or failed.
    public func recordWebhookAttempt(outcome: String) {
        state.withLock { $0.webhookAttempts[outcome, default: 0] += 1 }
    }

    /// The exposition text; `gauges` are sampled by the caller at scrape time.
    public func render(gauges: [(name: String, help: String, value: Double)]) -> String {
        let snapshot = state.withLock { $0 }
        var out = ""
        out += "# HELP laurel_http_requests_total Requests answered, by route pattern, method and status.\n"
        out += "# TYPE laurel_http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "laurel_http_requests_total{route=\"\(escape(key.route))\",method=\"\(key.method)\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP laurel_http_request_duration_seconds Time from a parsed request to its response, by route pattern.\n"
        out += "# TYPE laurel_http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            out += histogram.render(name: "laurel_http_request_duration_seconds", labels: "route=\"\(escape(route))\"")
        }
        out += "# HELP laurel_db_commit_batch_size Write requests committed together in one transaction.\n"
        out += "# TYPE laurel_db_commit_batch_size histogram\n"
        out += snapshot.commitBatch.render(name: "laurel_db_commit_batch_size", labels: "")
        out += "# HELP laurel_db_commit_duration_seconds Time to run and commit one write batch.\n"
        out += "# TYPE laurel_db_commit_duration_seconds histogram\n"
        out += snapshot.commitSeconds.render(name: "laurel_db_commit_duration_seconds", labels: "")
        out += "# HELP laurel_db_wal_sync_duration_seconds Time to sync the WAL after commits, before their requests are answered.\n"
        out += "# TYPE laurel_db_wal_sync_duration_seconds histogram\n"
        out += snapshot.walSyncSeconds.render(name: "laurel_db_wal_sync_duration_seconds", labels: "")
        out += "# HELP laurel_rate_limited_total Requests refused with 429.\n"
        out += "# TYPE laurel_rate_limited_total counter\n"
        out += "laurel_rate_limited_total \(snapshot.rateLimited)\n"
        out += "# HELP laurel_webhook_attempts_total Webhook delivery attempts recorded, by what they left the delivery as.\n"
        out += "# TYPE laurel_webhook_attempts_total counter\n"
        for (outcome, count) in snapshot.webhookAttempts.sorted(by: { $0.key < $1.key }) {
            out += "laurel_webhook_attempts_total{outcome=\"\(outcome)\"} \(count)\n"
        }
        for gauge in gauges {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n\(gauge.name) \(format(gauge.value))\n"
        }
        return out
    }

    private func escape(_ value: String) -> String {
        value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
    }
}

/// A cumulative histogram with fixed upper bounds.
struct Histogram {
    let bounds: [Double]
    var counts: [Int]
    var sum: Double = 0
    var total = 0

    init(bounds: [Double]) {
        self.bounds = bounds
        counts = Array(repeating: 0, count: bounds.count)
    }

    mutating func observe(_ value: Double) {
        if let index = bounds.firstIndex(where: { value <= $0 }) { counts[index] += 1 }
        sum += value
        total += 1
    }

    func render(name: String, labels: String) -> String {
        let prefix = labels.isEmpty ? "" : labels + ","
        var out = ""
        var cumulative = 0
        for (bound, count) in zip(bounds, counts) {
            cumulative += count
            out += "\(name)_bucket{\(prefix)le=\"\(format(bound))\"} \(cumulative)\n"
        }
        out += "\(name)_bucket{\(prefix)le=\"+Inf\"} \(total)\n"
        let suffix = labels.isEmpty ? "" : "{\(labels)}"
        out += "\(name)_sum\(suffix) \(format(sum))\n\(name)_count\(suffix) \(total)\n"
        return out
    }
}

func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

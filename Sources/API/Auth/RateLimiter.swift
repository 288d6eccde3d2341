public import Dispatch
public import Engine
import Synchronization

/// Which keys are limited by default. Out of the box only partner keys are, so that integration
/// traffic (event ingestion) is never throttled; a key's own `rate_limit` overrides its role's.
public struct RateLimitPolicy: Sendable {
    public var byRole: [KeyRole: RateLimit]

    public init(byRole: [KeyRole: RateLimit] = [.partner: RateLimit(perSecond: 20, burst: 40)]) {
        self.byRole = byRole
    }

    func limit(for key: APIKey) -> RateLimit? {
        key.rateLimit ?? byRole[key.role]
    }
}

/// Token buckets per key id.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedNs: UInt64
    }

    private let policy: RateLimitPolicy
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(policy: RateLimitPolicy) {
        self.policy = policy
    }

    /// nil when the request may go ahead; otherwise the seconds to wait before retrying.
    public func acquire(for key: APIKey, nowNs: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Int? {
        guard let limit = policy.limit(for: key) else { return nil }
        let rate = Double(limit.perSecond)
        let capacity = Double(max(limit.burst, 1))
        return buckets.withLock { buckets -> Int? in
            var bucket = buckets[key.id] ?? Bucket(tokens: capacity, updatedNs: nowNs)
            let elapsed = Double(nowNs &- bucket.updatedNs) / 1e9
            bucket.tokens = min(capacity, bucket.tokens + elapsed * rate)
            bucket.updatedNs = nowNs
            defer { buckets[key.id] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            let wait = (1 - bucket.tokens) / rate
            return max(1, Int(wait.rounded(.up)))
        }
    }
}

/// What one attempt to deliver came to, as the deliverer saw it.
public struct WebhookAttempt: Sendable, Equatable {
    public var deliveryID: Int64
    /// When the attempt ended.
    public var at: Timestamp
    /// The receiver's HTTP status, nil when there was no answer.
    public var responseStatus: Int?
    /// Why there was no answer (connection refused, timed out, …).
    public var error: String?
    /// A uniformly drawn number for the backoff's jitter, drawn by the deliverer so that recording
    /// an attempt stays a pure function of its inputs.
    public var jitter: UInt64

    public init(deliveryID: Int64, at: Timestamp, responseStatus: Int?, error: String?, jitter: UInt64) {
        self.deliveryID = deliveryID
        self.at = at
        self.responseStatus = responseStatus
        self.error = error
        self.jitter = jitter
    }

    /// Any 2xx answer delivers; anything else (3xx included: redirects are not followed) is refused.
    public var delivered: Bool { responseStatus.map { (200...299).contains($0) } ?? false }
}

extension WebhookDelivery {
    /// Applies an attempt: delivered, retrying at the backoff's time, or failed once the retry
    /// window has closed. Nothing changes for a delivery already finished (an attempt that raced
    /// with a manual retry or the webhook's deletion). Answers whether the delivery is now finished,
    /// which lets its lane move on.
    @discardableResult
    public mutating func record(_ attempt: WebhookAttempt, backoff: WebhookBackoff) -> Bool {
        guard !status.isFinished else { return false }
        attempts += 1
        let first = firstAttemptAt ?? attempt.at
        firstAttemptAt = first
        lastAttemptAt = attempt.at
        lastResponseStatus = attempt.responseStatus
        if attempt.delivered {
            status = .delivered
            lastError = nil
            deliveredAt = attempt.at
            nextAttemptAt = nil
            return true
        }
        lastError = attempt.error ?? attempt.responseStatus.map { "the receiver answered \($0)" } ?? "no answer"
        switch backoff.decision(afterAttempt: attempts, firstAttemptAt: first, now: attempt.at, random: attempt.jitter) {
        case .retry(let at):
            status = .retrying
            nextAttemptAt = at
            return false
        case .giveUp:
            status = .failed
            failedAt = attempt.at
            nextAttemptAt = nil
            return true
        }
    }
}

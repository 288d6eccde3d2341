import Dispatch
import Engine
import Synchronization

/// Delivers the outbox to webhooks, off the answer path. Each pass, on its own serial queue:
/// record the attempts that finished (one write), fan new outbox rows out to deliveries and now
/// and then prune old history (another write), then read what is due and start those attempts on
/// threads of their own (`AttemptThreads`), at most `concurrency` at once. The writes go through the single writer like
/// every other write, in short transactions of their own, so an event write never waits for a
/// receiver; a receiver that is slow or gone only keeps its own lanes waiting.
///
/// In order per lane, at least once: a delivery stays in flight (and its lane busy) until its
/// outcome has been committed; one that was in flight when the process stopped is attempted again
/// at the next start, under the same delivery id.
public final class WebhookDeliverer: @unchecked Sendable {  // `timer` is set once in init; everything else mutable is in `state`
    private let environment: APIEnvironment
    private let settings: WebhookSettings
    private let transport: any WebhookTransport
    private let random: @Sendable () -> UInt64
    private let queue = DispatchQueue(label: "laurel.webhooks")
    private let workers: AttemptThreads
    private let timer: any DispatchSourceTimer
    private let state = Mutex(State())

    private struct State {
        /// Deliveries being attempted, or attempted and not yet recorded.
        var inFlight: Set<Int64> = []
        /// Attempts that ended, waiting for the next pass to record them.
        var finished: [WebhookAttempt] = []
        var wakeQueued = false
        var stopped = false
        var lastPruneAt: Timestamp?
    }

    public init(
        environment: APIEnvironment, settings: WebhookSettings, transport: any WebhookTransport,
        random: @escaping @Sendable () -> UInt64 = { UInt64.random(in: 0...UInt64.max) }
    ) {
        self.environment = environment
        self.settings = settings
        self.transport = transport
        self.random = random
        workers = AttemptThreads(count: settings.concurrency, name: "laurel.webhooks.attempt")
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: .milliseconds(settings.pollMs))
    }

    public func start() {
        timer.setEventHandler { [weak self] in self?.pass() }
        timer.resume()
    }

    /// Stops the timer and waits for a pass under way. Attempts still in flight finish on their
    /// own but are not recorded: they are attempted again after the next start.
    public func stop() {
        timer.cancel()
        queue.sync { state.withLock { $0.stopped = true } }
        workers.stop()
    }

    /// One pass; also run at once when an attempt ends, so that a lane's next delivery does not
    /// wait for the timer. Passes never overlap: they all run on `queue`.
    private func pass() {
        let stopped = state.withLock { state in
            state.wakeQueued = false
            return state.stopped
        }
        guard !stopped else { return }
        let now = environment.clock.now()
        recordFinished(now: now)
        let fannedOutAll = fanOutAndPrune(now: now)
        startDue(now: now)
        if !fannedOutAll { wake() }
    }

    private func recordFinished(now: Timestamp) {
        let attempts = state.withLock { state in
            defer { state.finished = [] }
            return state.finished
        }
        guard !attempts.isEmpty else { return }
        let backoff = settings.backoff
        do {
            let recorded = try environment.store.writeAndWait { try WebhookOutbox.record(attempts, backoff: backoff, in: $0) }
            for delivery in recorded { report(delivery) }
            // Only now, with the outcomes committed, may these lanes go on.
            state.withLock { $0.inFlight.subtract(attempts.map(\.deliveryID)) }
        } catch {
            environment.logger.error("webhook attempts not recorded", [("error", .string("\(error)"))])
            state.withLock { $0.finished = attempts + $0.finished }
        }
    }

    /// False when there were more new outbox rows than one batch takes.
    private func fanOutAndPrune(now: Timestamp) -> Bool {
        let pruneDue = state.withLock { state in
            guard let last = state.lastPruneAt else { return true }
            return now.millisecondsSinceEpoch - last.millisecondsSinceEpoch >= settings.pruneIntervalMs
        }
        do {
            let position = try environment.store.read { try $0.webhookOutboxPosition() }
            guard position.last > position.fannedOutThrough || pruneDue else { return true }
            let settings = self.settings
            let (fanned, pruned) = try environment.store.writeAndWait { store in
                (try WebhookOutbox.fanOut(now: now, limit: settings.fanOutBatchMax, in: store),
                 pruneDue ? try WebhookOutbox.prune(now: now, retentionMs: settings.retentionMs, limit: settings.pruneBatchMax, in: store) : 0)
            }
            if pruneDue { state.withLock { $0.lastPruneAt = now } }
            if pruned > 0 { environment.logger.info("webhook history pruned", [("rows", .int(Int64(pruned)))]) }
            return fanned < settings.fanOutBatchMax
        } catch {
            environment.logger.error("webhook fan-out failed", [("error", .string("\(error)"))])
            return true
        }
    }

    private func startDue(now: Timestamp) {
        let inFlight = state.withLock { $0.inFlight }
        let slots = settings.concurrency - inFlight.count
        guard slots > 0 else { return }
        let due: [DueWebhookDelivery]
        do {
            // In-flight deliveries are still scheduled, so ask for enough to fill every free slot.
            due = try environment.store.read { try $0.dueWebhookDeliveries(now: now, limit: slots + inFlight.count) }
        } catch {
            environment.logger.error("webhook deliveries not read", [("error", .string("\(error)"))])
            return
        }
        let chosen = Set(WebhookDeliveryOrder.due(due.map(\.candidate), now: now, inFlight: inFlight, slots: slots).map(\.id))
        for delivery in due where chosen.contains(delivery.candidate.id) {
            state.withLock { _ = $0.inFlight.insert(delivery.candidate.id) }
            workers.submit { [self] in attempt(delivery) }
        }
    }

    /// One POST, on a worker thread; its outcome waits for the next pass, which it wakes.
    private func attempt(_ delivery: DueWebhookDelivery) {
        let clock = environment.clock
        let message = WebhookMessage.make(delivery, sentAt: clock.now(), userAgent: "laurel/\(environment.version)")
        let result = transport.post(message, timeoutMs: settings.timeoutMs)
        var status: Int?
        var failure: String?
        switch result {
        case .success(let answered): status = answered
        case .failure(let error): failure = error.description
        }
        let outcome = WebhookAttempt(deliveryID: delivery.candidate.id, at: clock.now(), responseStatus: status, error: failure, jitter: random())
        state.withLock { $0.finished.append(outcome) }
        wake()
    }

    private func wake() {
        let queued = state.withLock { state in
            defer { state.wakeQueued = true }
            return state.wakeQueued
        }
        if !queued { queue.async { [self] in pass() } }
    }

    private func report(_ delivery: WebhookDelivery) {
        environment.metrics.recordWebhookAttempt(outcome: delivery.status.rawValue)
        guard delivery.status == .failed else { return }
        environment.logger.warning("webhook delivery failed", [
            ("webhook_id", .string(delivery.webhookID)), ("delivery_id", .int(delivery.id)), ("kind", .string(delivery.kind)),
            ("attempts", .int(Int64(delivery.attempts))), ("error", .optional(delivery.lastError)),
        ])
    }
}

import Engine
import Testing
import TestRandom

/// Exponential backoff with full jitter: the ceiling doubles from the base up to the cap, every
/// wait lies between 0 and the ceiling, and attempts stop at the end of the window.
@Suite struct WebhookBackoffTests {
    static let backoff = WebhookBackoff(baseMs: 1_000, maxWaitMs: 3_600_000, windowMs: 86_400_000)
    static let start = Timestamp(millisecondsSinceEpoch: 1_000_000_000_000)

    @Test func theCeilingDoublesFromTheBaseAndStopsAtTheCap() {
        #expect((1...6).map { Self.backoff.waitCeilingMs(afterAttempt: $0) } == [1_000, 2_000, 4_000, 8_000, 16_000, 32_000])
        #expect(Self.backoff.waitCeilingMs(afterAttempt: 12) == 2_048_000)
        #expect(Self.backoff.waitCeilingMs(afterAttempt: 13) == 3_600_000, "4,096,000 is over the cap")
        #expect(Self.backoff.waitCeilingMs(afterAttempt: 64) == 3_600_000, "no overflow however many attempts")
        #expect(Self.backoff.waitCeilingMs(afterAttempt: 10_000) == 3_600_000)
    }

    @Test func everyWaitLiesBetweenZeroAndTheCeilingAndSpreadsOverIt() {
        var random = SplitMix64(state: 23)
        for attempt in 1...20 {
            let ceiling = Self.backoff.waitCeilingMs(afterAttempt: attempt)
            var waits: [Int64] = []
            for _ in 0..<200 {
                guard case .retry(let at) = Self.backoff.decision(afterAttempt: attempt, firstAttemptAt: Self.start, now: Self.start, random: random.next())
                else { Issue.record("gave up inside the window"); return }
                waits.append(at.millisecondsSinceEpoch - Self.start.millisecondsSinceEpoch)
            }
            #expect(waits.allSatisfy { (0...ceiling).contains($0) }, "attempt \(attempt)")
            #expect(waits.min()! < ceiling / 4 && waits.max()! > ceiling * 3 / 4, "full jitter uses the whole range (attempt \(attempt))")
        }
        // The extremes of the random draw land on 0 and on the ceiling itself.
        #expect(Self.backoff.decision(afterAttempt: 1, firstAttemptAt: Self.start, now: Self.start, random: 0) == .retry(at: Self.start))
        #expect(Self.backoff.decision(afterAttempt: 1, firstAttemptAt: Self.start, now: Self.start, random: 1_000)
            == .retry(at: Self.start.adding(milliseconds: 1_000)))
    }

    @Test func attemptsStopAtTheEndOfTheWindowCountedFromTheFirst() {
        let end = Self.start.adding(milliseconds: 86_400_000)
        let late = Self.start.adding(milliseconds: 86_400_000 - 10)
        #expect(Self.backoff.decision(afterAttempt: 30, firstAttemptAt: Self.start, now: late, random: .max) == .retry(at: end),
                "the last retry is at the window's end, not past it")
        #expect(Self.backoff.decision(afterAttempt: 31, firstAttemptAt: Self.start, now: end, random: 5) == .giveUp)
        #expect(Self.backoff.decision(afterAttempt: 31, firstAttemptAt: Self.start, now: end.adding(milliseconds: 1), random: 5) == .giveUp)
        let noWindow = WebhookBackoff(baseMs: 50, maxWaitMs: 50, windowMs: 0)
        #expect(noWindow.decision(afterAttempt: 1, firstAttemptAt: Self.start, now: Self.start, random: 7) == .giveUp, "a zero window tries once")
    }

    @Test func recordingAnAttemptDeliversRetriesOrFails() {
        let backoff = WebhookBackoff(baseMs: 100, maxWaitMs: 1_000, windowMs: 10_000)
        var delivery = WebhookDelivery(
            id: 1, webhookID: "crm", outboxSeq: 1, kind: "badge.earned", memberID: "ann", lane: "member:ann",
            nextAttemptAt: Self.start, createdAt: Self.start)
        let refused = WebhookAttempt(deliveryID: 1, at: Self.start, responseStatus: 500, error: nil, jitter: 40)
        let refusedFinished = delivery.record(refused, backoff: backoff)
        #expect(!refusedFinished)
        #expect(delivery.status == .retrying && delivery.attempts == 1 && delivery.nextAttemptAt == Self.start.adding(milliseconds: 40))
        #expect(delivery.lastResponseStatus == 500 && delivery.lastError == "the receiver answered 500")
        let unreachable = WebhookAttempt(deliveryID: 1, at: Self.start.adding(milliseconds: 500), responseStatus: nil, error: "timed out", jitter: 1)
        let unreachableFinished = delivery.record(unreachable, backoff: backoff)
        #expect(!unreachableFinished)
        #expect(delivery.attempts == 2 && delivery.lastResponseStatus == nil && delivery.lastError == "timed out")
        #expect(delivery.firstAttemptAt == Self.start, "the window counts from the first attempt")

        var delivered = delivery
        let answered = WebhookAttempt(deliveryID: 1, at: Self.start.adding(milliseconds: 900), responseStatus: 204, error: nil, jitter: 0)
        let deliveredFinished = delivered.record(answered, backoff: backoff)
        #expect(deliveredFinished)
        #expect(delivered.status == .delivered && delivered.attempts == 3 && delivered.nextAttemptAt == nil && delivered.lastError == nil)
        let late = delivered.record(refused, backoff: backoff)
        #expect(!late && delivered.attempts == 3 && delivered.status == .delivered, "a finished delivery stays as it is")

        var failed = delivery
        let last = WebhookAttempt(deliveryID: 1, at: Self.start.adding(milliseconds: 10_000), responseStatus: 302, error: nil, jitter: 0)
        let failedFinished = failed.record(last, backoff: backoff)
        #expect(failedFinished)
        #expect(failed.status == .failed && failed.failedAt == last.at && failed.nextAttemptAt == nil, "a redirect is not followed: refused")
    }
}

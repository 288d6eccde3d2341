/// `tier.review:<ladder>`: one job per ladder with policy `at_review`, in two phases (see
/// `TierReview` for the rules). Phase `review` walks the ladder's stored levels in holder order,
/// a chunk per run, and downgrades or watches those short of their level; phase `settle`, due
/// when the grace days end, walks the watches. Then the job waits for the next review.
enum TierReviewJob {
    static let keyPrefix = "tier.review:"

    static func key(_ ladderID: String) -> String { keyPrefix + ladderID }

    /// The job waiting for the ladder's first review after `now`.
    static func initial(_ ladder: TierLadder, now: Timestamp, timeZone: ProgramTimeZone) -> Job {
        let reviewAt = ladder.downgrade.review.nextReview(after: now, in: timeZone)
        return Job(key: key(ladder.id), kind: .tierReview, dueAt: reviewAt,
                   payload: payload(phase: "review", reviewAt: reviewAt, period: ladder.downgrade.review), createdAt: now)
    }

    static func payload(phase: String, reviewAt: Timestamp, period: TierReviewPeriod, after: String? = nil) -> JSONObject {
        var object = JSONObject([("phase", .string(phase)), ("review_at", .string(reviewAt.rfc3339)), ("review", .string(period.rawValue))])
        if let after { object["after"] = .string(after) }
        return object
    }

    static func reviewAt(_ job: Job) -> Timestamp? {
        job.payload["review_at"]?.stringValue.flatMap(RFC3339.parse)
    }

    static func run(_ job: Job, now: Timestamp, settings: JobSettings, in store: any StoreWriter) throws -> JobStep {
        let ladderID = String(job.key.dropFirst(keyPrefix.count))
        guard let ladder = try store.tierLadder(id: ladderID), ladder.downgrade.policy == .atReview else {
            return .finished(result: .object(JSONObject([("removed", .string("the ladder is gone or no longer reviewed"))])))
        }
        guard let reviewAt = reviewAt(job) else { throw JobError.badPayload(job.key) }
        let after = job.payload["after"]?.stringValue
        if job.payload["phase"]?.stringValue == "settle" {
            return try settle(ladder, reviewAt: reviewAt, after: after, settings: settings, in: store)
        }
        return try review(ladder, reviewAt: reviewAt, after: after, settings: settings, in: store)
    }

    private static func review(
        _ ladder: TierLadder, reviewAt: Timestamp, after: String?, settings: JobSettings, in store: any StoreWriter
    ) throws -> JobStep {
        let states = try store.tierStates(ladderID: ladder.id, afterHolder: after, limit: settings.chunkMax)
        var counts = Counts()
        let messenger = try Messenger(in: store)
        for state in states {
            let held = ladder.levelIndex(of: state.levelID)
            let measured = try TierMeasurer.measure(state.holder, on: ladder, at: TierReview.measuredAt(review: reviewAt), timeZone: settings.timeZone, in: store)
            let qualified = ladder.levelIndex(measured: measured)
            switch TierReview.review(heldIndex: held, qualifiedIndex: qualified, downgrade: ladder.downgrade, reviewAt: reviewAt) {
            case .keep:
                try store.deleteTierWatch(holder: state.holder, ladderID: ladder.id)
                counts.kept += 1
            case .watch(let until):
                try store.save(TierWatch(
                    holder: state.holder, ladderID: ladder.id, levelID: ladder.levels[held].id,
                    reviewLevelID: ladder.levels[qualified].id, reviewAt: reviewAt, atRiskUntil: until))
                if case .member(let memberID) = state.holder {
                    // The member keeps the level through the grace period, and is told what keeping it takes.
                    try messenger.send(.tierDownWarning, to: memberID, values: [
                        "tier": ladder.levels[held].id, "ladder_id": ladder.id, "qualified_tier": ladder.levels[qualified].id,
                        "keep_until": until.rfc3339,
                    ], at: reviewAt)
                }
                counts.watched += 1
            case .downgrade(let index):
                try downgrade(state, to: ladder.levels[index].id, at: reviewAt, in: store)
                counts.downgraded += 1
            }
        }
        let period = ladder.downgrade.review
        if states.count == settings.chunkMax, let last = states.last {
            return .more(payload: payload(phase: "review", reviewAt: reviewAt, period: period, after: last.holder.description), result: counts.json)
        }
        if ladder.downgrade.graceDays > 0 {
            let settleAt = reviewAt.adding(milliseconds: Int64(ladder.downgrade.graceDays) * 86_400_000)
            return .next(dueAt: settleAt, payload: payload(phase: "settle", reviewAt: reviewAt, period: period), result: counts.json)
        }
        return nextReview(ladder, after: reviewAt, timeZone: settings.timeZone, result: counts.json)
    }

    private static func settle(
        _ ladder: TierLadder, reviewAt: Timestamp, after: String?, settings: JobSettings, in store: any StoreWriter
    ) throws -> JobStep {
        let watches = try store.tierWatches(ladderID: ladder.id, afterHolder: after, limit: settings.chunkMax)
        var counts = Counts()
        for watch in watches {
            try store.deleteTierWatch(holder: watch.holder, ladderID: ladder.id)
            let state = try store.tierState(holder: watch.holder, ladderID: ladder.id)
            let measured = try TierMeasurer.measure(watch.holder, on: ladder, at: watch.atRiskUntil, timeZone: settings.timeZone, in: store)
            let verdict = TierReview.settle(
                heldIndex: ladder.levelIndex(of: state?.levelID), watchedIndex: ladder.levelIndex(of: watch.levelID),
                reviewQualifiedIndex: ladder.levelIndex(of: watch.reviewLevelID), nowQualifiedIndex: ladder.levelIndex(measured: measured))
            if case .downgrade(let index) = verdict, let state {
                try downgrade(state, to: ladder.levels[index].id, at: watch.atRiskUntil, in: store)
                counts.downgraded += 1
            } else {
                counts.kept += 1
            }
        }
        if watches.count == settings.chunkMax, let last = watches.last {
            return .more(
                payload: payload(phase: "settle", reviewAt: reviewAt, period: ladder.downgrade.review, after: last.holder.description),
                result: counts.json)
        }
        return nextReview(ladder, after: reviewAt, timeZone: settings.timeZone, result: counts.json)
    }

    private static func nextReview(
        _ ladder: TierLadder, after reviewAt: Timestamp, timeZone: ProgramTimeZone, result: JSONValue
    ) -> JobStep {
        let next = ladder.downgrade.review.nextReview(after: reviewAt, in: timeZone)
        return .next(dueAt: next, payload: payload(phase: "review", reviewAt: next, period: ladder.downgrade.review), result: result)
    }

    private static func downgrade(_ state: TierState, to levelID: String, at: Timestamp, in store: any StoreWriter) throws {
        try store.save(TierState(holder: state.holder, ladderID: state.ladderID, levelID: levelID, since: at))
        try store.append(TierChange(holder: state.holder, ladderID: state.ladderID, from: state.levelID, to: levelID, at: at, reason: "review"))
    }

    private struct Counts {
        var kept = 0, watched = 0, downgraded = 0

        var json: JSONValue {
            .object(JSONObject([("kept", .int(Int64(kept))), ("at_risk", .int(Int64(watched))), ("downgraded", .int(Int64(downgraded)))]))
        }
    }
}

/// A job row Laurel could not have written.
public enum JobError: Error, CustomStringConvertible {
    case badPayload(String)

    public var description: String {
        switch self {
        case .badPayload(let key): "job \(key) has a payload this version cannot read"
        }
    }
}

/// The jobs that should exist: the three standing maintenance jobs, and a review job for every
/// ladder with policy `at_review`. Missing ones are created (due at once, or at the ladder's next
/// review; also for a ladder defined again after its job finished); a review job whose ladder
/// changed its review period is moved to the new next review when it is between reviews. Review
/// jobs of ladders gone or no longer reviewed finish themselves when they next run.
public enum JobPlan {
    static let standing: [JobKind] = [.ledgerExpire, .ledgerMature, .idempotencyPurge, .expiryReminders]

    /// The jobs to save to bring the table in line; empty when it already is.
    public static func changes(now: Timestamp, timeZone: ProgramTimeZone, in store: any StoreReader) throws -> [Job] {
        var changes: [Job] = []
        for kind in standing where try store.job(key: kind.rawValue) == nil {
            changes.append(Job(key: kind.rawValue, kind: kind, dueAt: now, createdAt: now))
        }
        for subject in TierSubject.allCases {
            for ladder in try store.tierLadders(subject: subject) where ladder.downgrade.policy == .atReview {
                let key = TierReviewJob.key(ladder.id)
                // None yet, or finished for a ladder deleted and defined again: start afresh.
                guard var job = try store.job(key: key), job.state == .scheduled else {
                    changes.append(TierReviewJob.initial(ladder, now: now, timeZone: timeZone))
                    continue
                }
                let waitingForReview = job.payload["phase"]?.stringValue == "review" && job.payload["after"] == nil
                if waitingForReview, job.payload["review"]?.stringValue != ladder.downgrade.review.rawValue {
                    let fresh = TierReviewJob.initial(ladder, now: now, timeZone: timeZone)
                    (job.dueAt, job.payload, job.updatedAt) = (fresh.dueAt, fresh.payload, now)
                    changes.append(job)
                }
            }
        }
        return changes
    }
}

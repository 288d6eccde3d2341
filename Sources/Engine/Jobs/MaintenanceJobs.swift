/// The ledger and idempotency jobs: each run handles at most `chunkMax` rows and asks to run again
/// at once while a full chunk came back.
enum MaintenanceJobs {
    /// Writes off expired lots (`Ledger.expire`), oldest lots first.
    static func expire(now: Timestamp, settings: JobSettings, in store: any StoreWriter) throws -> JobStep {
        let postings = try Ledger(store: store, policies: [:]).expire(now: now, limit: settings.chunkMax)
        let result: JSONValue = .object(JSONObject([("expired_lots", .int(Int64(postings.count))),
                                                    ("expired_amount", .int(postings.reduce(0) { $0 + $1.amount }))]))
        return step(full: postings.count == settings.chunkMax, now: now, periodMs: settings.expiryPeriodMs, result: result)
    }

    /// A lot can become available in the past (an event back-dated up to 30 days with pending
    /// days), so the job looks back this far for lots it has not recorded yet.
    static let maturityLookbackMs: Int64 = 31 * 86_400_000

    /// Records lots that turned from pending to available. Balances need no posting for it (they
    /// read `availableAt` against the time asked); the record is what notifications announce.
    /// Reversed or emptied lots are recorded with what remained (possibly 0), so they are not
    /// looked at again.
    static func mature(now: Timestamp, settings: JobSettings, in store: any StoreWriter) throws -> JobStep {
        let lots = try store.lotsMaturing(from: now.adding(milliseconds: -maturityLookbackMs), through: now, limit: settings.chunkMax)
        for lot in lots { try store.recordMaturity(of: lot, recordedAt: now) }
        let result: JSONValue = .object(JSONObject([("matured_lots", .int(Int64(lots.count)))]))
        return step(full: lots.count == settings.chunkMax, now: now, periodMs: settings.maturityPeriodMs, result: result)
    }

    /// Deletes idempotency records past the retention. Event ids are not touched: events are kept
    /// forever and their id stays their idempotency key.
    static func purge(now: Timestamp, settings: JobSettings, in store: any StoreWriter) throws -> JobStep {
        let deleted = try store.deleteIdempotencyRecords(
            createdBefore: now.adding(milliseconds: -settings.idempotencyRetentionMs), limit: settings.chunkMax)
        let result: JSONValue = .object(JSONObject([("deleted_records", .int(Int64(deleted)))]))
        return step(full: deleted == settings.chunkMax, now: now, periodMs: settings.purgePeriodMs, result: result)
    }

    /// Tells members about points that expire within the `points_expiring` template's
    /// `days_before`, once per holder, currency and expiry instant; nothing without a template.
    static func remindExpiry(now: Timestamp, settings: JobSettings, in store: any StoreWriter) throws -> JobStep {
        guard let template = try store.messageTemplate(trigger: .pointsExpiring) else {
            return step(full: false, now: now, periodMs: settings.expiryReminderPeriodMs, result: .object(JSONObject([("reminded", .int(0))])))
        }
        let days = template.daysBefore ?? MessageTemplate.daysBeforeDefault
        let batches = try store.pointsExpiringUnreminded(
            after: now, through: now.adding(milliseconds: Int64(days) * 86_400_000), limit: settings.chunkMax)
        let messenger = try Messenger(in: store)
        for batch in batches {
            if case .member(let memberID) = batch.holder {
                try messenger.send(.pointsExpiring, to: memberID, values: [
                    "amount": String(batch.amount), "currency": batch.currency, "expires_on": String(batch.expiresAt.rfc3339.prefix(10)),
                    "days": String(max(0, (batch.expiresAt.millisecondsSinceEpoch - now.millisecondsSinceEpoch) / 86_400_000)),
                ], at: now)
            }
            try store.recordExpiryReminder(holder: batch.holder, currency: batch.currency, expiresAt: batch.expiresAt, at: now)
        }
        let result: JSONValue = .object(JSONObject([("reminded", .int(Int64(batches.count)))]))
        return step(full: batches.count == settings.chunkMax, now: now, periodMs: settings.expiryReminderPeriodMs, result: result)
    }

    private static func step(full: Bool, now: Timestamp, periodMs: Int64, result: JSONValue) -> JobStep {
        full ? .more(payload: JSONObject(), result: result) : .next(dueAt: now.adding(milliseconds: periodMs), payload: JSONObject(), result: result)
    }
}

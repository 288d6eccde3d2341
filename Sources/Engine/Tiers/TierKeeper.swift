/// Tier levels during event processing, in two separate steps around the ledger: before booking,
/// the earning multiplier a holder's current levels give (`multiplier(for:)`); after booking, the
/// upgrades the new earnings reach (`upgrade(_:at:in:)`). Upgrades happen at once; a level is never
/// lowered here: downgrades belong to the review (`TierReview`, run by the scheduler), and a
/// reversed event does not lower a level either. The multiplier applies to every award the holder
/// gets, in any currency; rule limits still count the amount before it.
public enum TierKeeper {
    public struct Change: Sendable, Equatable {
        public var holder: LedgerHolder
        public var ladderID: String
        /// The stored level before, nil when the holder had none (the ladder's first level).
        public var from: String?
        public var to: String

        public var json: JSONValue {
            .object(JSONObject([
                ("ladder_id", .string(ladderID)), ("holder", .string(holder.description)), ("from", .optional(from)), ("to", .string(to)),
            ]))
        }
    }

    /// The level a holder should move to, or nil when the qualifying amount does not reach a level
    /// above the stored one.
    public static func upgradeTarget(_ ladder: TierLadder, storedLevelID: String?, qualifying amount: Int64) -> TierLevel? {
        let reached = ladder.levelIndex(qualifying: amount)
        return reached > ladder.levelIndex(of: storedLevelID) ? ladder.levels[reached] : nil
    }

    /// The highest multiplier (per mille) among the holder's current levels on the ladders of its
    /// subject kind, with the ladder that gives it; nil when no level has one.
    public static func multiplier(for holder: LedgerHolder, in store: any TierReader) throws -> (perMille: Int64, ladderID: String)? {
        var best: (perMille: Int64, ladderID: String)?
        for ladder in try store.tierLadders(subject: TierSubject(holder)) {
            let state = try store.tierState(holder: holder, ladderID: ladder.id)
            let level = ladder.levels[ladder.levelIndex(of: state?.levelID)]
            guard let perMille = level.benefits.multiplierPerMille else { continue }
            if perMille > best?.perMille ?? 0 { best = (perMille, ladder.id) }
        }
        return best
    }

    /// The same for levels with several criteria: `measured` holds the holder's value of each
    /// measure the ladder asks about (`TierMeasurer`).
    public static func upgradeTarget(_ ladder: TierLadder, storedLevelID: String?, measured: [TierCriterion.Measure: Int64]) -> TierLevel? {
        let reached = ladder.levelIndex(measured: measured)
        return reached > ladder.levelIndex(of: storedLevelID) ? ladder.levels[reached] : nil
    }

    /// Re-evaluates every ladder of each holder's kind at `at` and stores the upgrades, in holder
    /// then ladder order. A ladder of thresholds reads one earned amount, as before criteria.
    public static func upgrade(
        _ holders: [LedgerHolder], at: Timestamp, timeZone: ProgramTimeZone, in store: any TierWriter & TierFactReader
    ) throws -> [Change] {
        var changes: [Change] = []
        var seen: Set<LedgerHolder> = []
        for holder in holders where seen.insert(holder).inserted {
            for ladder in try store.tierLadders(subject: TierSubject(holder)) {
                let stored = try store.tierState(holder: holder, ladderID: ladder.id)
                let measured = try TierMeasurer.measure(holder, on: ladder, at: at, timeZone: timeZone, in: store)
                guard let target = upgradeTarget(ladder, storedLevelID: stored?.levelID, measured: measured) else { continue }
                try store.save(TierState(holder: holder, ladderID: ladder.id, levelID: target.id, since: at))
                changes.append(Change(holder: holder, ladderID: ladder.id, from: stored?.levelID, to: target.id))
            }
        }
        return changes
    }
}

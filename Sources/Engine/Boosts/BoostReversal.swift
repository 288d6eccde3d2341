/// What reversing an event does to boosts. Its postings (bonuses included) are reversed by the
/// ledger; here:
/// - each use the event made is given back, unless the boost has expired by the reversal time or
///   was revoked: the member did not get the bonus, so the boost should still count for a deal
///   that stands — but a use is never revived past the boost's end;
/// - each boost the event granted is revoked: the remainder can no longer be used, while the uses
///   already made stay with the events that made them (they are reversed only with those events).
public enum BoostReversal {
    public struct Result: Sendable, Equatable {
        public var returnedUses: [BoostUse] = []
        /// Uses not given back because the boost had ended, with why.
        public var keptUses: [(use: BoostUse, why: String)] = []
        public var revoked: [Boost] = []

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.returnedUses == rhs.returnedUses && lhs.revoked == rhs.revoked
                && lhs.keptUses.map { "\($0.use.boostID)|\($0.why)" } == rhs.keptUses.map { "\($0.use.boostID)|\($0.why)" }
        }

        public var json: JSONValue {
            .object(JSONObject([
                ("returned_uses", .array(returnedUses.map { .object(JSONObject([
                    ("boost_id", .int($0.boostID)), ("bonus_reversed", .int($0.bonus)),
                ])) })),
                ("kept_uses", .array(keptUses.map { .object(JSONObject([
                    ("boost_id", .int($0.use.boostID)), ("bonus_reversed", .int($0.use.bonus)), ("why", .string($0.why)),
                ])) })),
                ("revoked", .array(revoked.map { .object(JSONObject([
                    ("boost_id", .int($0.id)), ("uses_remaining", .int($0.usesRemaining)),
                ])) })),
            ]))
        }
    }

    public static func reverse(eventID: String, at: Timestamp, in store: any BoostWriter) throws -> Result {
        var result = Result()
        for use in try store.boostUses(eventID: eventID) where use.returnedAt == nil {
            guard let boost = try store.boost(id: use.boostID) else { continue }
            if let why = whyKept(boost, at: at) {
                result.keptUses.append((use, why))
            } else {
                try store.returnUse(boostID: use.boostID, eventID: eventID, at: at)
                result.returnedUses.append(use)
            }
        }
        for boost in try store.boosts(grantedByEventID: eventID) where boost.revokedAt == nil {
            try store.revokeBoost(id: boost.id, at: at)
            var revoked = boost
            revoked.revokedAt = at
            result.revoked.append(revoked)
        }
        return result
    }

    /// Nil when the use may be given back.
    static func whyKept(_ boost: Boost, at: Timestamp) -> String? {
        if boost.revokedAt != nil { return "boost \(boost.id) was revoked" }
        if at >= boost.expiresAt { return "boost \(boost.id) expired at \(boost.expiresAt.rfc3339)" }
        return nil
    }
}

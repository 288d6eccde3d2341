/// The boosts of one event while it is processed (or dry-run): the member's boosts active at the
/// event's time for its type, loaded once before the ledger step. Each award to the member gets
/// their bonuses (`BoostBonus`); afterwards each boost that added a positive bonus uses up one use
/// for the whole event, however many awards it added to. A boost granted by this same event
/// applies from the next event on, as a tier upgrade does.
public struct BoostSession: Sendable {
    public let eventID: String
    public let eventType: String
    public let occurredAt: Timestamp
    public private(set) var active: [Boost]
    /// What each boosted posting was made of, by posting id.
    public private(set) var boostedPostings: [Int64: BoostedPosting] = [:]
    /// Total bonus per boost id, in the order the boosts were first used.
    public private(set) var used: [(boostID: Int64, bonus: Int64)] = []

    public init(_ subject: AwardSubject, in store: any BoostReader) throws {
        eventID = subject.eventID
        eventType = subject.eventType
        occurredAt = subject.occurredAt
        active = try subject.member.map {
            try store.activeBoosts(memberID: $0.id, eventType: subject.eventType, at: subject.occurredAt)
        } ?? []
    }

    /// The bonuses an award of `amount` (after the tier multiplier) gets, remembered as used.
    public mutating func bonuses(for award: PlannedAward, amount: Int64) -> [BoostBonus] {
        let bonuses = BoostBonus.bonuses(active, eventType: eventType, holder: award.holder, currency: award.currency, amount: amount)
        for bonus in bonuses where bonus.bonus > 0 {
            if let index = used.firstIndex(where: { $0.boostID == bonus.boostID }) {
                used[index].bonus += bonus.bonus
            } else {
                used.append((bonus.boostID, bonus.bonus))
            }
        }
        return bonuses.filter { $0.bonus > 0 }
    }

    /// Books one award through `earn` with its boosts added, and remembers which posting got them.
    public mutating func book(
        _ award: PlannedAward, amount: Int64, earn: (Int64) throws -> LedgerPosting
    ) throws -> LedgerPosting {
        let bonuses = bonuses(for: award, amount: amount)
        let posting = try earn(amount + bonuses.reduce(0) { $0 + $1.bonus })
        if !bonuses.isEmpty {
            boostedPostings[posting.id] = BoostedPosting(baseAmount: award.amount, amountBeforeBoosts: amount, bonuses: bonuses)
        }
        return posting
    }

    /// The boosts as they stand after this event's uses.
    public var usedBoosts: [(boost: Boost, bonus: Int64)] {
        used.compactMap { use in
            guard var boost = active.first(where: { $0.id == use.boostID }) else { return nil }
            boost.usesRemaining -= 1
            return (boost, use.bonus)
        }
    }

    /// Records one use of every boost that added a bonus.
    public func recordUses(in store: any BoostWriter) throws {
        for use in used {
            try store.recordUse(BoostUse(boostID: use.boostID, eventID: eventID, bonus: use.bonus, usedAt: occurredAt))
        }
    }

    /// `{"boost_id", "percent", "bonus", "uses_remaining"}` per boost used.
    public var usedJSON: JSONValue {
        .array(usedBoosts.map { boost, bonus in
            .object(JSONObject([
                ("boost_id", .int(boost.id)), ("percent", .int(boost.percent)), ("bonus", .int(bonus)),
                ("uses_remaining", .int(boost.usesRemaining)), ("expires_at", .string(boost.expiresAt.rfc3339)),
            ]))
        })
    }
}

/// A posting's amount taken apart: the rule's amount, the amount after the tier multiplier, and
/// what each boost added to it.
public struct BoostedPosting: Sendable, Equatable {
    public var baseAmount: Int64
    public var amountBeforeBoosts: Int64
    public var bonuses: [BoostBonus]

    public init(baseAmount: Int64, amountBeforeBoosts: Int64, bonuses: [BoostBonus]) {
        self.baseAmount = baseAmount
        self.amountBeforeBoosts = amountBeforeBoosts
        self.bonuses = bonuses
    }

    /// Adds the parts to the outcome's posting entry.
    func annotate(_ entry: inout JSONObject) {
        entry["base_amount"] = .int(baseAmount)
        entry["amount_before_boosts"] = .int(amountBeforeBoosts)
        entry["boost_bonus"] = .int(bonuses.reduce(0) { $0 + $1.bonus })
        entry["boosts"] = .array(bonuses.map(\.json))
    }
}

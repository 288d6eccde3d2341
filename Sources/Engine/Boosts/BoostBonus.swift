/// What one boost added to one award. The order of an award's arithmetic is fixed:
/// 1. the rule's amount (rounded down, then trimmed by rule limits) — the `base_amount`;
/// 2. × the holder's tier multiplier, rounded down (`TierMultiplier.apply`);
/// 3. + for each active boost, `percent` % of the amount after step 2, rounded down.
/// Boosts add up, they do not compound: two +10 % boosts on 1 000 add 100 each.
public struct BoostBonus: Sendable, Equatable {
    public var boostID: Int64
    public var percent: Int64
    public var bonus: Int64

    public init(boostID: Int64, percent: Int64, bonus: Int64) {
        self.boostID = boostID
        self.percent = percent
        self.bonus = bonus
    }

    /// `percent` % of `amount`, rounded down, exact in Int64 for every amount the ledger accepts
    /// (split so that `amount * percent` never has to be formed). Not positive amounts get nothing.
    public static func bonus(percent: Int64, of amount: Int64) -> Int64 {
        guard amount > 0, percent > 0 else { return 0 }
        let (whole, overflow) = (amount / 100).multipliedReportingOverflow(by: percent)
        precondition(!overflow, "a boost bonus beyond Int64: \(amount) × \(percent) %")
        return whole + amount % 100 * percent / 100
    }

    /// The bonus of each boost in `boosts` that applies to this award, in the boosts' order.
    public static func bonuses(
        _ boosts: [Boost], eventType: String, holder: LedgerHolder, currency: String, amount: Int64
    ) -> [BoostBonus] {
        boosts.filter { $0.applies(eventType: eventType, holder: holder, currency: currency) }.map {
            BoostBonus(boostID: $0.id, percent: $0.percent, bonus: bonus(percent: $0.percent, of: amount))
        }
    }

    public var json: JSONValue {
        .object(JSONObject([("boost_id", .int(boostID)), ("percent", .int(percent)), ("bonus", .int(bonus))]))
    }
}

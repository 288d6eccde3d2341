public import Engine

/// Literals shared by the ledger tests of the engine and of its SQL storage, so that both speak of
/// the same holders, start instant and currencies.
public enum LedgerFixture {
    public static let dayMs: Int64 = 86_400_000
    public static let start = RFC3339.parse("2026-01-10T12:00:00Z")!
    public static let m1 = LedgerHolder.member("m-1")
    public static let m2 = LedgerHolder.member("m-2")
    public static let org = LedgerHolder.organization("o-1")

    /// `points` expire a year after earning and wait 14 days; `cash` never expires and is
    /// spendable at once; `credits` only qualify tiers.
    public static let policies: [String: LedgerCurrencyPolicy] = [
        "points": LedgerCurrencyPolicy(redeemable: true, expiry: .afterDays(365), pendingDays: 14),
        "cash": LedgerCurrencyPolicy(redeemable: true, expiry: .never, pendingDays: 0),
        "credits": LedgerCurrencyPolicy(redeemable: false, expiry: .never, pendingDays: 0),
    ]

    public static func days(_ count: Int64) -> Timestamp { start.adding(milliseconds: count * dayMs) }
}

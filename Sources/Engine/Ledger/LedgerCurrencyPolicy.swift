/// What the ledger needs to know about a currency. The full `Currency` (name, display, …) lives
/// elsewhere and produces one of these.
public struct LedgerCurrencyPolicy: Sendable, Hashable {
    /// Spendable on redemptions; `status_credits`-like currencies only qualify tiers.
    public var redeemable: Bool
    public var expiry: LotExpiry
    /// Days an earned lot waits before it can be spent (a deal may still be cancelled).
    public var pendingDays: Int

    public init(redeemable: Bool, expiry: LotExpiry, pendingDays: Int) {
        precondition(pendingDays >= 0 && pendingDays <= LotExpiry.daysMax, "pendingDays out of range")
        self.redeemable = redeemable
        self.expiry = expiry
        self.pendingDays = pendingDays
    }
}

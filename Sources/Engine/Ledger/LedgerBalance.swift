/// A holder's points in one currency at one instant, from its lots.
public struct LedgerBalance: Sendable, Hashable {
    /// Spendable now.
    public var available: Int64
    /// Earned, not yet spendable.
    public var pending: Int64
    /// Past their expiry but not yet written off by `expire`; neither spendable nor pending.
    public var lapsed: Int64
    /// Part of `available + pending` that expires within the asked window.
    public var expiringSoon: Int64
    /// What the holder owes from reversals of points it had already spent (≥ 0).
    public var debt: Int64

    public init(available: Int64 = 0, pending: Int64 = 0, lapsed: Int64 = 0, expiringSoon: Int64 = 0, debt: Int64 = 0) {
        self.available = available
        self.pending = pending
        self.lapsed = lapsed
        self.expiringSoon = expiringSoon
        self.debt = debt
    }

    /// Equals the holder account's materialised balance.
    public var total: Int64 { available + pending + lapsed }
}

/// A holder's open lots in one currency, summed at one instant: what a balance shows. Stores
/// compute it where the lots are (SQL sums them without building a `Lot` per row); this
/// definition from the lots themselves is the reference both must agree with.
public struct LotTotals: Sendable, Equatable {
    /// Spendable at the instant.
    public var available: Int64 = 0
    /// Earned, available later.
    public var pending: Int64 = 0
    /// Past expiry, not yet written off.
    public var lapsed: Int64 = 0
    /// Available or pending, expiring at or before the horizon.
    public var expiringSoon: Int64 = 0

    public init(available: Int64 = 0, pending: Int64 = 0, lapsed: Int64 = 0, expiringSoon: Int64 = 0) {
        self.available = available
        self.pending = pending
        self.lapsed = lapsed
        self.expiringSoon = expiringSoon
    }

    public init(_ lots: [Lot], at: Timestamp, expiringBefore horizon: Timestamp) {
        for lot in lots where lot.remaining > 0 {
            if lot.isExpired(at: at) {
                lapsed += lot.remaining
                continue
            }
            if lot.isPending(at: at) { pending += lot.remaining } else { available += lot.remaining }
            if let expiresAt = lot.expiresAt, expiresAt <= horizon { expiringSoon += lot.remaining }
        }
    }
}

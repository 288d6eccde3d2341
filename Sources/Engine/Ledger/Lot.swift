/// An earned amount with its own clock: pending until `availableAt` when its currency holds
/// earnings back (`availableAt > earnedAt`), spendable until `expiresAt`.
/// A holder's balance is the sum of its lots' `remaining`.
public struct Lot: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var holder: LedgerHolder
    public var currency: String
    /// What the lot was created with.
    public var amount: Int64
    public var remaining: Int64
    /// How much of `amount` went to expiry (not a holder's doing, so never clawed back as debt).
    public var expired: Int64
    public var earnedAt: Timestamp
    public var availableAt: Timestamp
    public var expiresAt: Timestamp?
    /// The earn (or credit adjustment) that created it has been reversed.
    public var reversed: Bool

    public init(
        id: Int64, holder: LedgerHolder, currency: String, amount: Int64, earnedAt: Timestamp,
        availableAt: Timestamp, expiresAt: Timestamp?
    ) {
        self.id = id
        self.holder = holder
        self.currency = currency
        self.amount = amount
        self.remaining = amount
        self.expired = 0
        self.earnedAt = earnedAt
        self.availableAt = availableAt
        self.expiresAt = expiresAt
        self.reversed = false
    }

    public func isExpired(at time: Timestamp) -> Bool {
        expiresAt.map { $0 <= time } ?? false
    }

    /// Held back by the currency's pending days. A lot earned without them is available at once,
    /// even when its event is dated a little ahead of the clock (the skew intake allows).
    public func isPending(at time: Timestamp) -> Bool {
        availableAt > earnedAt && availableAt > time
    }

    public func isAvailable(at time: Timestamp) -> Bool {
        !isPending(at: time) && !isExpired(at: time)
    }

    /// Spending order: soonest expiry first, never-expiring last, then oldest, then lowest id.
    public static func spendsBefore(_ a: Lot, _ b: Lot) -> Bool {
        switch (a.expiresAt, b.expiresAt) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (a.earnedAt, a.id) < (b.earnedAt, b.id)
        }
    }

    /// The first of `lots` whose remaining adds up to `amount`; all of them when they hold less.
    public static func fewest(of lots: some Sequence<Lot>, covering amount: Int64, adding covered: inout Int64) -> [Lot] {
        var taken: [Lot] = []
        for lot in lots where covered < amount {
            taken.append(lot)
            // Saturating: a sum past Int64 covers any amount, and `Ledger` checks the real one.
            covered = covered.addingReportingOverflow(lot.remaining).overflow ? .max : covered + lot.remaining
        }
        return taken
    }

    public static func fewest(of lots: some Sequence<Lot>, covering amount: Int64) -> [Lot] {
        var covered: Int64 = 0
        return fewest(of: lots, covering: amount, adding: &covered)
    }
}

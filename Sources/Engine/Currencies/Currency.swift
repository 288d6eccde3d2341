/// A named point balance, e.g. spendable `points` or tier-qualifying `status_credits`.
public struct Currency: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Whether it can be spent on rewards; status credits only qualify tiers.
    public var redeemable: Bool
    public var expiry: CurrencyExpiry
    /// Days earned points are held before they can be spent (for deals that may be cancelled).
    public var pendingDays: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, name: String, redeemable: Bool = true, expiry: CurrencyExpiry = .never, pendingDays: Int = 0,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.redeemable = redeemable
        self.expiry = expiry
        self.pendingDays = pendingDays
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// When an earned lot of a currency expires.
public enum CurrencyExpiry: Sendable, Equatable {
    case never
    /// A fixed number of days after earning.
    case afterDays(Int)
    /// At the end of a calendar period: the one the lot was earned in (`periodsAfter` 0) or a later
    /// one (`periodsAfter` 1 = the end of the next period).
    case endOf(CalendarPeriod, periodsAfter: Int)
}

public enum CalendarPeriod: String, Sendable, CaseIterable {
    case month, quarter, year
}

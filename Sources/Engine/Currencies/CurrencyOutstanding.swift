/// Points of a currency still out in the world: holders (members and organizations) with an open
/// lot — a holder's balance is the sum of its open lots, so this is every non-zero balance — and
/// redemptions whose hold is still open. Deleting the currency would make these vanish from the
/// API, so the delete waits until both are zero.
public struct CurrencyOutstanding: Sendable, Equatable {
    public var currency: String
    public var holders: Int64
    public var pendingRedemptions: Int64

    public init(currency: String, holders: Int64, pendingRedemptions: Int64) {
        self.currency = currency
        self.holders = holders
        self.pendingRedemptions = pendingRedemptions
    }

    /// One reference per kind of outstanding points, for a refused delete.
    public var problems: [ValidationError] {
        var problems: [ValidationError] = []
        if holders > 0 {
            problems.append(ValidationError(
                path: "balances",
                message: "\(holders) holder(s) still hold \(currency); let them expire or adjust them to zero first"))
        }
        if pendingRedemptions > 0 {
            problems.append(ValidationError(
                path: "redemptions",
                message: "\(pendingRedemptions) pending redemption(s) hold \(currency); fulfill or cancel them first"))
        }
        return problems
    }
}

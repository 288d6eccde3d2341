/// The points a pending redemption holds: open until settled (fulfilled) or released (cancelled).
public struct LedgerHold: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case open, settled, released
    }

    public var redemptionID: String
    public var holder: LedgerHolder
    public var currency: String
    public var amount: Int64
    /// The `hold` posting, whose draws a release restores.
    public var postingID: Int64
    public var state: State

    public init(redemptionID: String, holder: LedgerHolder, currency: String, amount: Int64, postingID: Int64, state: State) {
        self.redemptionID = redemptionID
        self.holder = holder
        self.currency = currency
        self.amount = amount
        self.postingID = postingID
        self.state = state
    }

    public var account: LedgerAccount { .redemption(redemptionID) }
}

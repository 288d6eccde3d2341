/// One movement of an amount of one currency from one account to another. Append-only: a mistake
/// is corrected by another posting (`reverse`), never by an edit.
public struct LedgerPosting: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Hashable {
        /// program:issued → holder, creating a lot.
        case earn
        /// holder → program:redeemed, drawing on lots.
        case spend
        /// holder → redemption:<id>, drawing on lots.
        case hold
        /// redemption:<id> → holder, restoring the lots the hold drew on.
        case release
        /// redemption:<id> → program:redeemed.
        case settle
        /// The opposite of an earlier posting (`References.reversalOf`).
        case reverse
        /// holder → program:expired, emptying an expired lot.
        case expire
        /// An admin credit (program:issued → holder, a new lot) or debit (holder → program:issued).
        case adjust
        /// holder → holder; the receiver gets lots with the sender's expiry.
        case transfer
        /// holder → its clawback account: paying back what a reversal could not take.
        case recover
    }

    /// What caused the posting, for audit and for reversing an event's awards.
    public struct References: Sendable, Hashable {
        public var eventID: String?
        public var ruleID: String?
        public var ruleVersion: Int?
        public var redemptionID: String?
        public var reversalOf: Int64?
        /// Why an admin adjusted (required for `adjust`).
        public var reason: String?

        public init(
            eventID: String? = nil, ruleID: String? = nil, ruleVersion: Int? = nil,
            redemptionID: String? = nil, reversalOf: Int64? = nil, reason: String? = nil
        ) {
            self.eventID = eventID
            self.ruleID = ruleID
            self.ruleVersion = ruleVersion
            self.redemptionID = redemptionID
            self.reversalOf = reversalOf
            self.reason = reason
        }
    }

    /// Increasing in the order postings were made.
    public var id: Int64
    public var currency: String
    public var debit: LedgerAccount
    public var credit: LedgerAccount
    public var amount: Int64
    public var at: Timestamp
    public var kind: Kind
    public var references: References
    /// Lots this posting created on the credit side (earn, credit adjust, transfer).
    public var createdLots: [Int64]
    /// What the posting took from the debit side's lots, or gave back to them (restoring postings).
    public var draws: [LotDraw]

    public init(
        id: Int64, currency: String, debit: LedgerAccount, credit: LedgerAccount, amount: Int64,
        at: Timestamp, kind: Kind, references: References = References(),
        createdLots: [Int64] = [], draws: [LotDraw] = []
    ) {
        self.id = id
        self.currency = currency
        self.debit = debit
        self.credit = credit
        self.amount = amount
        self.at = at
        self.kind = kind
        self.references = references
        self.createdLots = createdLots
        self.draws = draws
    }
}

/// An amount taken from (or restored to) one lot.
public struct LotDraw: Sendable, Hashable {
    public var lotID: Int64
    public var amount: Int64

    public init(lotID: Int64, amount: Int64) {
        self.lotID = lotID
        self.amount = amount
    }
}

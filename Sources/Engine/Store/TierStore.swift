public protocol TierReader {
    func tierLadder(id: String) throws -> TierLadder?
    /// Ordered by id.
    func tierLadders(page: PageRequest) throws -> Page<TierLadder>
    /// Every ladder ranking this kind of subject, by id.
    func tierLadders(subject: TierSubject) throws -> [TierLadder]
    /// The stored level of a holder on a ladder; nil means the ladder's first level.
    func tierState(holder: LedgerHolder, ladderID: String) throws -> TierState?
}

public protocol TierWriter: TierReader {
    /// Inserts or replaces by id.
    func save(_ ladder: TierLadder) throws
    /// Deletes the ladder and every holder's state on it.
    func deleteTierLadder(id: String) throws
    /// Inserts or replaces by holder and ladder.
    func save(_ state: TierState) throws
}

/// What holders earned: the qualifying amount of tier ladders.
public protocol LedgerEarningsReader {
    /// Sum of the `earn` and `adjust` postings crediting `holder` in `currency` with `from <= at <
    /// until` (no lower bound when `from` is nil), minus the `reverse` postings debiting the holder
    /// or its clawback account in that window (the reversals of such credits). Transfers received
    /// and returned spends are not earnings. May be negative when a reversal falls in the window
    /// but the credit it reverses does not.
    func earned(holder: LedgerHolder, currency: String, from: Timestamp?, until: Timestamp) throws -> Int64
}

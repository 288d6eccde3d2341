/// What tier reviews keep: holders at risk of a downgrade, and the changes reviews made.
public protocol TierReviewReader {
    /// Stored states on the ladder with holder (ledger form) after `afterHolder`, by holder.
    func tierStates(ladderID: String, afterHolder: String?, limit: Int) throws -> [TierState]
    func tierWatch(holder: LedgerHolder, ladderID: String) throws -> TierWatch?
    /// Watches on the ladder with holder after `afterHolder`, by holder.
    func tierWatches(ladderID: String, afterHolder: String?, limit: Int) throws -> [TierWatch]
    /// The holder's changes on the ladder, newest first, at most `limit`.
    func tierChanges(holder: LedgerHolder, ladderID: String, limit: Int) throws -> [TierChange]
}

public protocol TierReviewWriter: TierReviewReader {
    /// Inserts or replaces by ladder and holder.
    func save(_ watch: TierWatch) throws
    func deleteTierWatch(holder: LedgerHolder, ladderID: String) throws
    func append(_ change: TierChange) throws
}

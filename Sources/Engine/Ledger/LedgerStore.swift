/// An account's balance in one currency: the key of materialised balances.
public struct LedgerAccountCurrency: Sendable, Hashable {
    public var account: LedgerAccount
    public var currency: String

    public init(_ account: LedgerAccount, _ currency: String) {
        self.account = account
        self.currency = currency
    }
}

/// The ledger as stored. The SQL layer implements it over tables; `InMemoryLedgerStore` for tests
/// and simulation.
public protocol LedgerReader: AnyObject {
    func posting(id: Int64) throws -> LedgerPosting?
    /// Every posting carrying this event id, in id order.
    func postings(eventID: String) throws -> [LedgerPosting]
    func isReversed(postingID: Int64) throws -> Bool
    func lot(id: Int64) throws -> Lot?
    /// The holder's lots in this currency with something remaining, in any order.
    func openLots(holder: LedgerHolder, currency: String) throws -> [Lot]
    /// What the holder's open lots add up to at `at`: the balance without reading each lot into
    /// memory (a long-lived holder has many). See `LotTotals`.
    func lotTotals(holder: LedgerHolder, currency: String, at: Timestamp, expiringBefore horizon: Timestamp) throws -> LotTotals
    /// Lots with something remaining whose expiry is at or before `time`, in id order.
    func lotsExpired(at time: Timestamp) throws -> [Lot]
    /// The first `limit` of them.
    func lotsExpired(at time: Timestamp, limit: Int) throws -> [Lot]
    /// The holder's lots available at `at`, in spending order (`Lot.spendsBefore`): as few as cover
    /// `amount`, or all of them when they hold less. A spend reads only what it takes.
    func lotsToSpend(holder: LedgerHolder, currency: String, at: Timestamp, covering amount: Int64) throws -> [Lot]
    /// The materialised balance: the sum of credits minus debits, 0 for an unknown account.
    func balance(of key: LedgerAccountCurrency) throws -> Int64
    func hold(redemptionID: String) throws -> LedgerHold?
}

extension LedgerReader {
    public func lotTotals(holder: LedgerHolder, currency: String, at: Timestamp, expiringBefore horizon: Timestamp) throws -> LotTotals {
        LotTotals(try openLots(holder: holder, currency: currency), at: at, expiringBefore: horizon)
    }

    public func lotsToSpend(holder: LedgerHolder, currency: String, at: Timestamp, covering amount: Int64) throws -> [Lot] {
        let available = try openLots(holder: holder, currency: currency).filter { $0.isAvailable(at: at) }.sorted(by: Lot.spendsBefore)
        return Lot.fewest(of: available, covering: amount)
    }

    public func lotsExpired(at time: Timestamp, limit: Int) throws -> [Lot] {
        Array(try lotsExpired(at: time).prefix(limit))
    }
}

/// Writes happen inside the caller's transaction; `Ledger` keeps postings, lots and balances
/// consistent and calls `atomically` so that a refused operation leaves no trace.
public protocol LedgerWriter: LedgerReader {
    func nextPostingID() throws -> Int64
    func nextLotID() throws -> Int64
    /// Appends `posting` and stores the balances its two accounts have after it (checked by the
    /// caller), in one step so that a store can write each balance row once.
    func append(_ posting: LedgerPosting, debitBalance: Int64, creditBalance: Int64) throws
    func setBalance(_ balance: Int64, of key: LedgerAccountCurrency) throws
    /// Inserts or replaces by id.
    func save(_ lot: Lot) throws
    /// Inserts or replaces by redemption id.
    func save(_ hold: LedgerHold) throws
    func markReversed(postingID: Int64) throws
    /// Runs `body`; if it throws, nothing it wrote is kept (SQL: a savepoint).
    func atomically<T>(_ body: () throws -> T) throws -> T
}

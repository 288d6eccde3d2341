/// A `LedgerWriter` in memory: for tests and simulations. Not thread-safe: one owner uses it.
public final class InMemoryLedgerStore: LedgerWriter {
    /// Everything, as a value: tests compare snapshots to prove a refused operation changed nothing.
    public struct State: Sendable, Equatable {
        public var postings: [LedgerPosting] = []
        public var lots: [Int64: Lot] = [:]
        public var holds: [String: LedgerHold] = [:]
        public var balances: [LedgerAccountCurrency: Int64] = [:]
        public var reversed: Set<Int64> = []
        var lotIDsByHolder: [HolderCurrency: [Int64]] = [:]
        var postingIDsByEvent: [String: [Int64]] = [:]
        var lastPostingID: Int64 = 0
        var lastLotID: Int64 = 0

        public init() {}
    }

    struct HolderCurrency: Sendable, Hashable {
        var holder: LedgerHolder
        var currency: String
    }

    public private(set) var state = State()

    public init() {}

    /// Continues from a snapshot, e.g. one transaction of a larger in-memory store.
    public init(state: State) {
        self.state = state
    }

    public func posting(id: Int64) -> LedgerPosting? {
        // Ids are 1, 2, 3… in append order.
        guard id >= 1, id <= state.postings.count else { return nil }
        return state.postings[Int(id - 1)]
    }

    public func postings(eventID: String) -> [LedgerPosting] {
        (state.postingIDsByEvent[eventID] ?? []).compactMap { posting(id: $0) }
    }

    public func isReversed(postingID: Int64) -> Bool { state.reversed.contains(postingID) }

    public func lot(id: Int64) -> Lot? { state.lots[id] }

    public func openLots(holder: LedgerHolder, currency: String) -> [Lot] {
        let ids = state.lotIDsByHolder[HolderCurrency(holder: holder, currency: currency)] ?? []
        return ids.compactMap { state.lots[$0] }.filter { $0.remaining > 0 }
    }

    public func lotsExpired(at time: Timestamp) -> [Lot] {
        state.lots.values.filter { $0.remaining > 0 && $0.isExpired(at: time) }.sorted { $0.id < $1.id }
    }

    public func balance(of key: LedgerAccountCurrency) -> Int64 { state.balances[key] ?? 0 }

    public func hold(redemptionID: String) -> LedgerHold? { state.holds[redemptionID] }

    public func nextPostingID() -> Int64 { state.lastPostingID + 1 }

    public func nextLotID() -> Int64 {
        state.lastLotID += 1
        return state.lastLotID
    }

    public func append(_ posting: LedgerPosting, debitBalance: Int64, creditBalance: Int64) {
        precondition(posting.id == state.lastPostingID + 1, "postings are appended in id order")
        state.lastPostingID = posting.id
        state.postings.append(posting)
        if let eventID = posting.references.eventID {
            state.postingIDsByEvent[eventID, default: []].append(posting.id)
        }
        state.balances[LedgerAccountCurrency(posting.debit, posting.currency)] = debitBalance
        state.balances[LedgerAccountCurrency(posting.credit, posting.currency)] = creditBalance
    }

    public func setBalance(_ balance: Int64, of key: LedgerAccountCurrency) {
        state.balances[key] = balance
    }

    public func save(_ lot: Lot) {
        if state.lots.updateValue(lot, forKey: lot.id) == nil {
            state.lotIDsByHolder[HolderCurrency(holder: lot.holder, currency: lot.currency), default: []].append(lot.id)
        }
    }

    public func save(_ hold: LedgerHold) { state.holds[hold.redemptionID] = hold }

    public func markReversed(postingID: Int64) { state.reversed.insert(postingID) }

    public func atomically<T>(_ body: () throws -> T) throws -> T {
        let saved = state
        do {
            return try body()
        } catch {
            state = saved
            throw error
        }
    }
}

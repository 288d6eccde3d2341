import Testing
import Engine
import SQLite
@testable import Storage
import TestSupport

/// Everything the ledger stores, as a value: read from SQL or from an `InMemoryLedgerStore`, so
/// that the two can be compared and a refused operation shown to have changed nothing.
struct LedgerSnapshot: Equatable {
    var postings: [LedgerPosting] = []
    var lots: [Int64: Lot] = [:]
    var holds: [String: LedgerHold] = [:]
    var balances: [LedgerAccountCurrency: Int64] = [:]
    var reversed: Set<Int64> = []

    init(_ state: InMemoryLedgerStore.State) {
        postings = state.postings
        lots = state.lots
        holds = state.holds
        balances = state.balances
        reversed = state.reversed
    }

    /// Reads every ledger table through `store`'s connection. Postings are append-only, so those
    /// already read (`known`) are kept and only the newer ones are fetched.
    init(_ store: SQLStore, knownPostings known: [LedgerPosting] = []) throws {
        let connection = store.connection
        postings = known + (try connection.query(
            "SELECT \(SQLStore.postingColumns) FROM ledger_postings WHERE id > ? ORDER BY id", [.integer(known.last?.id ?? 0)]
        ).map(SQLStore.posting))
        for lot in try connection.query("SELECT \(SQLStore.lotColumns) FROM ledger_lots").map(SQLStore.lot) {
            lots[lot.id] = lot
        }
        for hold in try connection.query("SELECT \(SQLStore.holdColumns) FROM ledger_holds").map(SQLStore.hold) {
            holds[hold.redemptionID] = hold
        }
        for row in try connection.query("SELECT account, currency, balance FROM ledger_balances") {
            balances[LedgerAccountCurrency(try row.ledgerAccount("account"), try row.requiredString("currency"))] =
                try row.requiredInt64("balance")
        }
        reversed = Set(try connection.query("SELECT posting_id FROM ledger_reversed").map { try $0.requiredInt64("posting_id") })
    }
}

/// One ledger operation as a value, so that the same one can be applied to two stores.
enum LedgerOperation: Sendable {
    case earn(Int64, String, LedgerHolder, eventID: String)
    case spend(Int64, String, LedgerHolder, eventID: String)
    case hold(Int64, String, LedgerHolder, redemptionID: String)
    case release(redemptionID: String)
    case settle(redemptionID: String)
    case reverse(postingID: Int64)
    case reverseEvent(String)
    case expire
    case adjust(Int64, String, LedgerHolder)
    case transfer(Int64, String, from: LedgerHolder, to: LedgerHolder)

    var name: String {
        switch self {
        case .earn: "earn"
        case .spend: "spend"
        case .hold: "hold"
        case .release: "release"
        case .settle: "settle"
        case .reverse: "reverse"
        case .reverseEvent: "reverseEvent"
        case .expire: "expire"
        case .adjust: "adjust"
        case .transfer: "transfer"
        }
    }

    /// What the ledger answered; a refusal is an outcome, anything else is rethrown.
    func apply(to ledger: Ledger, at now: Timestamp) throws -> LedgerOutcome {
        do {
            switch self {
            case let .earn(amount, currency, holder, eventID):
                return .postings([try ledger.earn(amount, currency, to: holder, at: now, references: .init(eventID: eventID))])
            case let .spend(amount, currency, holder, eventID):
                return .postings([try ledger.spend(amount, currency, from: holder, at: now, references: .init(eventID: eventID))])
            case let .hold(amount, currency, holder, redemptionID):
                return .hold(try ledger.hold(amount, currency, from: holder, redemptionID: redemptionID, at: now))
            case .release(let redemptionID):
                return .postings([try ledger.release(redemptionID: redemptionID, at: now)])
            case .settle(let redemptionID):
                return .postings([try ledger.settle(redemptionID: redemptionID, at: now)])
            case .reverse(let postingID):
                return .postings(try ledger.reverse(postingID: postingID, at: now))
            case .reverseEvent(let eventID):
                return .postings(try ledger.reverse(eventID: eventID, at: now))
            case .expire:
                return .postings(try ledger.expire(now: now))
            case let .adjust(delta, currency, holder):
                return .postings([try ledger.adjust(delta, currency, for: holder, reason: "property test", at: now)])
            case let .transfer(amount, currency, sender, receiver):
                return .postings([try ledger.transfer(amount, currency, from: sender, to: receiver, at: now)])
            }
        } catch let error as LedgerError {
            return .refused(error)
        }
    }
}

enum LedgerOutcome: Sendable, Equatable {
    case postings([LedgerPosting])
    case hold(LedgerHold)
    case refused(LedgerError)

    var isRefused: Bool {
        if case .refused = self { true } else { false }
    }
}

extension TestDatabase {
    /// Runs `body` with a ledger over the writer's `SQLStore`, in one write (one savepoint of the
    /// writer's next transaction).
    @discardableResult
    func ledger<T: Sendable>(
        _ policies: [String: LedgerCurrencyPolicy] = LedgerFixture.policies, _ body: @escaping @Sendable (Ledger) throws -> T
    ) throws -> T {
        try write { store in try body(Ledger(store: try #require(store as? SQLStore), policies: policies)) }
    }

    /// Reads with a ledger over a reader's snapshot (only its read methods are used).
    func readLedger<T>(_ policies: [String: LedgerCurrencyPolicy] = LedgerFixture.policies, _ body: (Ledger, SQLStore) throws -> T) throws -> T {
        try read { reader in
            let store = try #require(reader as? SQLStore)
            return try body(Ledger(store: store, policies: policies), store)
        }
    }

    func ledgerSnapshot(knownPostings: [LedgerPosting] = []) throws -> LedgerSnapshot {
        try readLedger { _, store in try LedgerSnapshot(store, knownPostings: knownPostings) }
    }

    func rows(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> [SQLiteRow] {
        try readLedger { _, store in try store.connection.query(sql, arguments) }
    }
}

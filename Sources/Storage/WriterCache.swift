import Engine
import SQLite

/// Rows the writer reads for nearly every event, kept between its transactions: the event's member
/// and organization, its currencies, the balances each posting moves, the next posting and lot
/// ids, the holders' tier states and the configuration generations. About a sixth of the writer's
/// time on events went to reading them again (Benchmarks/README.md).
///
/// It always agrees with the database because every change to these rows is made by the writer,
/// through `SQLStore`, which tells the cache in the same transaction (or, for the configuration
/// generations that triggers change, through the connection's update hook); the connection's transaction
/// hooks keep what a transaction told it only if the transaction commits. Readers never use it.
/// A change made to these tables by another process while the server runs would go unseen; the
/// CLI (`laurel keys …`) writes only API keys.
///
/// `@unchecked Sendable`: used only on the writer's thread, by the stores of its transactions and
/// by the hooks of its connection.
final class WriterCache: SQLiteTransactionObserver, @unchecked Sendable {
    let members = TransactionalCache<String, Member?>(capacity: 65_536)
    let organizations = TransactionalCache<String, Organization?>(capacity: 65_536)
    let currencies = TransactionalCache<String, Currency?>(capacity: 1_024)
    let balances = TransactionalCache<LedgerAccountCurrency, Int64>(capacity: 262_144)
    /// The next id of `ledger_postings` and of `ledger_lots`, by table.
    let nextIDs = TransactionalCache<String, Int64>(capacity: 8)
    /// Tier states by holder and ladder: each award reads its holder's for the earning multiplier,
    /// and the tier step reads it again.
    let tierStates = TransactionalCache<TierStateKey, TierState?>(capacity: 131_072)
    /// `configuration_generations` by kind. Triggers change them, not `SQLStore`, so the
    /// connection's update hook reports those changes instead (`rowsDidChange(in:)`).
    let generations = TransactionalCache<String, Int64>(capacity: 64)
    static let generationsTable = "configuration_generations"
    /// The tables whose row changes the writer's connection reports here.
    static let reportedTables = [generationsTable]

    /// Each of the above, told of every transaction's end: made once, not on every commit.
    private let all: [any SQLiteTransactionObserver]

    init() {
        all = [members, organizations, currencies, balances, nextIDs, tierStates, generations]
    }

    func transactionDidCommit() { all.forEach { $0.transactionDidCommit() } }
    func transactionDidRollBack() { all.forEach { $0.transactionDidRollBack() } }
    func savepointDidRollBack() { all.forEach { $0.savepointDidRollBack() } }
}

/// A holder's state on one ladder.
struct TierStateKey: Hashable {
    var holder: LedgerHolder
    var ladderID: String
}

extension WriterCache: SQLiteRowChangeObserver {
    func rowsDidChange(in table: String) {
        if table == Self.generationsTable { generations.forgetAll() }
    }
}

extension SQLStore {
    /// `load`'s value for `key` through one of the writer's caches when this store is the writer's
    /// (a value cached as absent is an answer too); straight from SQL otherwise.
    func cached<Key, Value>(
        _ cache: KeyPath<WriterCache, TransactionalCache<Key, Value>>, _ key: Key, _ load: () throws -> Value
    ) rethrows -> Value {
        guard let writerCache else { return try load() }
        return try writerCache[keyPath: cache].value(for: key, orLoad: load)
    }
}

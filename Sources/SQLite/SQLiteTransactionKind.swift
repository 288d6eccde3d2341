/// How `BEGIN` takes its locks. Writers use `.immediate` so that a transaction that will write takes
/// the write lock up front (and waits with busy_timeout) instead of failing on its first write.
public enum SQLiteTransactionKind: Sendable {
    case deferred
    case immediate
    case exclusive

    var beginSQL: String {
        switch self {
        case .deferred: "BEGIN DEFERRED TRANSACTION"
        case .immediate: "BEGIN IMMEDIATE TRANSACTION"
        case .exclusive: "BEGIN EXCLUSIVE TRANSACTION"
        }
    }
}

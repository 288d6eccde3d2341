/// How each earn posting of a ledger listing was made: the rule's `base_amount`, the tier
/// `multiplier`, the `amount_before_boosts` and each boost's bonus (`boost_bonus`, `boosts`).
/// The event outcome stored with the posting's event already says it per posting id (the event
/// answer shows it), so a listing reads one outcome per distinct event on the page instead of
/// keeping a second copy of those figures beside every posting.
public enum EarnBreakdown {
    /// The outcome fields copied onto a listing entry, in this order.
    public static let fields = ["base_amount", "multiplier", "amount_before_boosts", "boost_bonus", "boosts"]

    /// The breakdown fields of each earn posting among `postings` that had a multiplier or a boost,
    /// by posting id.
    public static func byPosting(_ postings: [LedgerPosting], in store: any EventReader) throws -> [Int64: [(String, JSONValue)]] {
        let earns = postings.filter { $0.kind == .earn }
        let earnIDs = Set(earns.map(\.id))
        let eventIDs = Set(earns.compactMap(\.references.eventID))
        var breakdowns: [Int64: [(String, JSONValue)]] = [:]
        for eventID in eventIDs {
            guard case .array(let entries)? = try store.eventOutcome(id: eventID)?.objectValue?["postings"] else { continue }
            for case .object(let entry) in entries {
                guard let id = entry["id"]?.intValue, earnIDs.contains(id) else { continue }
                let parts = fields.compactMap { name in entry[name].map { (name, $0) } }
                if !parts.isEmpty { breakdowns[id] = parts }
            }
        }
        return breakdowns
    }

    /// A listing entry with its posting's breakdown added, when it has one.
    public static func entry(_ posting: LedgerPosting, for account: LedgerAccount, _ breakdowns: [Int64: [(String, JSONValue)]]) -> JSONValue {
        let entry = posting.entryJSON(for: account)
        guard let parts = breakdowns[posting.id], case .object(var object) = entry else { return entry }
        for (name, value) in parts { object[name] = value }
        return .object(object)
    }
}

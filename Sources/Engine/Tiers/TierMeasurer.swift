/// What tier criteria measure is read from: earnings, the directory (attributes) and badges.
public typealias TierFactReader = LedgerEarningsReader & DirectoryReader & BadgeReader

/// Reads, for one holder and one ladder, every measure the ladder's levels ask about, at an instant.
public enum TierMeasurer {
    public static func measure(
        _ holder: LedgerHolder, on ladder: TierLadder, at instant: Timestamp, timeZone: ProgramTimeZone,
        in store: any TierFactReader
    ) throws -> [TierCriterion.Measure: Int64] {
        // Event processing asks this for every award: a ladder of thresholds reads one amount.
        if ladder.levels.allSatisfy({ $0.criteria.isEmpty }) {
            let measure = ladder.thresholdMeasure
            return [measure: try value(of: measure, for: holder, at: instant, timeZone: timeZone, in: store)]
        }
        var values: [TierCriterion.Measure: Int64] = [:]
        for measure in ladder.measures {
            values[measure] = try value(of: measure, for: holder, at: instant, timeZone: timeZone, in: store)
        }
        return values
    }

    public static func value(
        of measure: TierCriterion.Measure, for holder: LedgerHolder, at instant: Timestamp, timeZone: ProgramTimeZone,
        in store: any TierFactReader
    ) throws -> Int64 {
        switch measure {
        case .earned(let currency, let window):
            let bounds = window.bounds(at: instant, in: timeZone)
            return try store.earned(holder: holder, currency: currency, from: bounds.from, until: bounds.until)
        case .membersWithBadge(let badgeID):
            // Counted for organizations; a member ladder asking it counts nothing (validation refuses it).
            guard case .organization(let id) = holder else { return 0 }
            return Int64(try store.membersHoldingBadge(organizationID: id, badgeID: badgeID))
        case .attribute(let name):
            let attributes: JSONObject?
            switch holder {
            case .member(let id): attributes = try store.member(id: id)?.attributes
            case .organization(let id): attributes = try store.organization(id: id)?.attributes
            }
            return attributes.flatMap { numeric($0[name]) } ?? 0
        }
    }

    /// An attribute as a whole number, rounded down; nil when it is not a finite number in range.
    static func numeric(_ value: JSONValue?) -> Int64? {
        switch value {
        case .int(let whole)?: return whole
        case .double(let number)? where number.isFinite && abs(number) < 9e15: return Int64(number.rounded(.down))
        default: return nil
        }
    }
}

/// When a lot earned at some instant expires. Calendar ends are computed in UTC for now; the
/// program's time zone comes later.
public enum LotExpiry: Sendable, Hashable {
    case never
    case afterDays(Int)
    /// At the end of the calendar period the lot was earned in (`periodsAfter` 0) or of a later
    /// one (1 = the end of the next period).
    case endOf(CalendarPeriod, periodsAfter: Int)

    /// Longest `periodsAfter` accepted: ten years of months.
    public static let periodsAfterMax = 120

    /// No policy is longer than about 27 years; keeps every computed instant far from overflow.
    public static let daysMax = 10_000
    static let dayMilliseconds: Int64 = 86_400_000

    /// The first instant at which a lot earned at `earnedAt` is expired, or nil if it never is.
    /// For calendar ends it is the start of the next period (UTC), so the whole last day counts.
    public func expiresAt(earnedAt: Timestamp) -> Timestamp? {
        let days = Self.floorDays(earnedAt.millisecondsSinceEpoch)
        let (year, month, _) = RFC3339.civil(fromDays: days)
        switch self {
        case .never:
            return nil
        case .afterDays(let count):
            precondition(count >= 0 && count <= Self.daysMax, "expiry days out of range")
            return earnedAt.adding(milliseconds: Int64(count) * Self.dayMilliseconds)
        case .endOf(let period, let periodsAfter):
            precondition(periodsAfter >= 0 && periodsAfter <= Self.periodsAfterMax, "periods after out of range")
            let after = Int64(periodsAfter)
            switch period {
            case .month: return Self.start(year: year, month: month + 1 + after)
            case .quarter: return Self.start(year: year, month: (month - 1) / 3 * 3 + 4 + 3 * after)
            case .year: return Self.start(year: year + 1 + after, month: 1)
            }
        }
    }

    /// The first instant of `month` counted from January of `year` (13 is January of the next year).
    private static func start(year: Int64, month: Int64) -> Timestamp {
        let (y, m) = (year + (month - 1) / 12, (month - 1) % 12 + 1)
        let days = RFC3339.daysFromCivil(year: y, month: m, day: 1)
        return Timestamp(millisecondsSinceEpoch: days * dayMilliseconds)
    }

    private static func floorDays(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / dayMilliseconds : (milliseconds - dayMilliseconds + 1) / dayMilliseconds
    }
}

extension LotExpiry {
    /// The ledger's view of a currency's expiry setting.
    public init(_ expiry: CurrencyExpiry) {
        switch expiry {
        case .never: self = .never
        case .afterDays(let days): self = .afterDays(days)
        case .endOf(let period, let periodsAfter): self = .endOf(period, periodsAfter: periodsAfter)
        }
    }
}

/// What a board knows of one subject: its totals per local day (so that any period, calendar or
/// rolling, is a sum of days) and where it competes.
struct LeaderboardSubjectRecord: Sendable {
    struct DayTotal: Sendable, Equatable {
        var day: Int64
        var total: Int64
        /// The latest time of what made up this day's total: ties are broken by who got there first.
        var lastAtMs: Int64
    }

    /// Sorted by day; a subject typically has few.
    var days: [DayTotal] = []
    var placement: LeaderboardPlacement

    init(placement: LeaderboardPlacement) {
        self.placement = placement
    }

    mutating func add(_ amount: Int64, day: Int64, atMs: Int64) {
        let index = days.firstIndex { $0.day >= day } ?? days.endIndex
        if index < days.endIndex, days[index].day == day {
            days[index].total = days[index].total.addingClamped(amount)
            days[index].lastAtMs = max(days[index].lastAtMs, atMs)
        } else {
            days.insert(DayTotal(day: day, total: amount, lastAtMs: atMs), at: index)
        }
    }

    /// The total and the time it was reached within `period`; nil when nothing counted in it.
    func total(in period: LeaderboardPeriodKey) -> (total: Int64, reachedAtMs: Int64)? {
        var total: Int64 = 0
        var reached = Int64.min
        var any = false
        for day in days where period.contains(day: day.day) {
            total = total.addingClamped(day.total)
            reached = max(reached, day.lastAtMs)
            any = true
        }
        return any ? (total, reached) : nil
    }
}

/// Where a subject competes: the partitions it is in, whether the filters let it in, and what its
/// total is divided by (its member count for an average, its target for a percentage); on a
/// member board, also who it is.
struct LeaderboardPlacement: Sendable, Equatable {
    var partitions: [String]
    var included: Bool
    /// nil: the subject cannot be scored (no members to average over, no positive target).
    var divisor: Int64?
    /// What the board shows of a member, kept with the ranking so that reading a page or a window
    /// touches no member row: it changes with the member (the change log places them again).
    var card: MemberCard? = nil

    static let unranked = LeaderboardPlacement(partitions: [], included: false, divisor: nil)
}

extension Int64 {
    /// Board totals saturate rather than trap: a sum of capped amounts cannot reach the bounds in
    /// practice, and a board is not the ledger.
    func addingClamped(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    func multipliedClamped(_ other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
    }
}

/// How often a ladder with policy `at_review` is reviewed: at the end of each calendar month,
/// quarter or year in the program's time zone (like the ladder's `calendar_year` window). The default is `year`.
public enum TierReviewPeriod: String, Sendable, Equatable, CaseIterable {
    case month, quarter, year

    /// The first review strictly after `instant`: the start of the next calendar period, at local
    /// midnight in `zone`.
    public func nextReview(after instant: Timestamp, in zone: ProgramTimeZone) -> Timestamp {
        let period: CounterPeriod = switch self {
        case .month: .month
        case .quarter: .quarter
        case .year: .year
        }
        return CalendarWindow.containing(instant, period: period, in: zone).end
    }
}

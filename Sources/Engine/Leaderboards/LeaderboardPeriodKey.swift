/// One period of a board, named as people write it — `2026-11-23`, `2026-W47` (ISO week),
/// `2026-11`, `2026-Q4`, `2026`, `all`, or `current` for a rolling window — and spanning whole
/// local days of the program time zone, `firstDay...lastDay` (days since 1970-01-01).
public struct LeaderboardPeriodKey: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var firstDay: Int64
    public var lastDay: Int64

    public var description: String { name }

    public func contains(day: Int64) -> Bool { firstDay <= day && day <= lastDay }

    /// The period of `kind` that contains local day `day` (for a rolling window: the window that ends with it).
    public static func containing(day: Int64, kind: CounterPeriod) -> LeaderboardPeriodKey {
        let (year, month, _) = RFC3339.civil(fromDays: day)
        switch kind {
        case .day:
            return LeaderboardPeriodKey(name: dayName(day), firstDay: day, lastDay: day)
        case .week:
            let monday = CalendarWindow.monday(of: day)
            let (isoYear, week) = isoWeek(monday: monday)
            return LeaderboardPeriodKey(name: "\(isoYear)-W\(pad(week))", firstDay: monday, lastDay: monday + 6)
        case .month:
            let first = RFC3339.daysFromCivil(year: year, month: month, day: 1)
            return LeaderboardPeriodKey(name: "\(year)-\(pad(month))", firstDay: first, lastDay: CalendarWindow.firstDay(year, month + 1) - 1)
        case .quarter:
            let quarter = (month - 1) / 3 + 1
            let first = RFC3339.daysFromCivil(year: year, month: quarter * 3 - 2, day: 1)
            return LeaderboardPeriodKey(name: "\(year)-Q\(quarter)", firstDay: first, lastDay: CalendarWindow.firstDay(year, quarter * 3 + 1) - 1)
        case .year:
            return LeaderboardPeriodKey(
                name: "\(year)", firstDay: RFC3339.daysFromCivil(year: year, month: 1, day: 1),
                lastDay: RFC3339.daysFromCivil(year: year + 1, month: 1, day: 1) - 1)
        case .all:
            return LeaderboardPeriodKey(name: "all", firstDay: Int64.min / 4, lastDay: Int64.max / 4)
        case .rolling7Days:
            return LeaderboardPeriodKey(name: "current", firstDay: day - 6, lastDay: day)
        case .rolling30Days:
            return LeaderboardPeriodKey(name: "current", firstDay: day - 29, lastDay: day)
        }
    }

    /// The period before this one (nil for `all` and rolling windows, which have no closed periods).
    public func previous(kind: CounterPeriod) -> LeaderboardPeriodKey? {
        switch kind {
        case .all, .rolling7Days, .rolling30Days: nil
        default: Self.containing(day: firstDay - 1, kind: kind)
        }
    }

    /// Parses a period name given in a query; nil when it is not a period of this kind.
    public static func parse(_ text: String, kind: CounterPeriod) -> LeaderboardPeriodKey? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func number(_ part: String, digits: Int) -> Int64? {
            part.utf8.count == digits && part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? Int64(part) : nil
        }
        guard let year = parts.first.flatMap({ number($0, digits: 4) }), year >= 1970 else {
            return kind == .all && text == "all" ? containing(day: 0, kind: .all) : nil
        }
        let day: Int64?
        switch (kind, parts.count) {
        case (.year, 1):
            day = RFC3339.daysFromCivil(year: year, month: 1, day: 1)
        case (.month, 2):
            day = number(parts[1], digits: 2).flatMap { (1...12).contains($0) ? RFC3339.daysFromCivil(year: year, month: $0, day: 1) : nil }
        case (.quarter, 2):
            day = parts[1].first == "Q" ? number(String(parts[1].dropFirst()), digits: 1).flatMap {
                (1...4).contains($0) ? RFC3339.daysFromCivil(year: year, month: $0 * 3 - 2, day: 1) : nil
            } : nil
        case (.week, 2):
            day = parts[1].first == "W" ? number(String(parts[1].dropFirst()), digits: 2).flatMap { weekMonday(isoYear: year, week: $0) } : nil
        case (.day, 3):
            guard let month = number(parts[1], digits: 2), let dayOfMonth = number(parts[2], digits: 2),
                  (1...12).contains(month), dayOfMonth >= 1 else { return nil }
            let candidate = RFC3339.daysFromCivil(year: year, month: month, day: dayOfMonth)
            day = RFC3339.civil(fromDays: candidate).month == month ? candidate : nil
        default:
            day = nil
        }
        guard let day else { return nil }
        let key = containing(day: day, kind: kind)
        return key.name == text ? key : nil
    }

    static func dayName(_ day: Int64) -> String {
        let (year, month, dayOfMonth) = RFC3339.civil(fromDays: day)
        return "\(year)-\(pad(month))-\(pad(dayOfMonth))"
    }

    /// ISO 8601: a week belongs to the year of its Thursday; week 1 holds the year's first Thursday.
    static func isoWeek(monday: Int64) -> (year: Int64, week: Int64) {
        let thursday = monday + 3
        let year = RFC3339.civil(fromDays: thursday).year
        return (year, (thursday - RFC3339.daysFromCivil(year: year, month: 1, day: 1)) / 7 + 1)
    }

    /// The Monday of ISO week `week` of `isoYear` (the week holding 4 January is week 1); nil when
    /// the year has no such week.
    static func weekMonday(isoYear: Int64, week: Int64) -> Int64? {
        guard (1...53).contains(week) else { return nil }
        let monday = CalendarWindow.monday(of: RFC3339.daysFromCivil(year: isoYear, month: 1, day: 4)) + (week - 1) * 7
        return isoWeek(monday: monday).year == isoYear ? monday : nil
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// A program metric per day, ISO week or month of the program's time zone, over a range: what an
/// operator charts. The store sums each metric per quarter hour (every zone's offset is a whole
/// number of quarter hours, so no local day boundary falls inside one); they are added up into the
/// local intervals here.
public enum Timeseries {
    public enum Metric: String, Sendable, CaseIterable {
        case events
        case pointsIssued = "points_issued"
        case pointsRedeemed = "points_redeemed"
        case redemptions
        case badgesAwarded = "badges_awarded"
        case questCompletions = "quest_completions"
        case interactions
        case feedback

        /// Points metrics are per currency.
        public var needsCurrency: Bool { self == .pointsIssued || self == .pointsRedeemed }
    }

    public enum Interval: String, Sendable, CaseIterable {
        case day, week, month

        var period: CounterPeriod {
            switch self {
            case .day: .day
            case .week: .week
            case .month: .month
            }
        }
    }

    public static let slotMilliseconds: Int64 = 900_000
    public static let intervalsMax = 400

    public static func build(
        _ metric: Metric, currency: String?, interval: Interval, from: Timestamp, until: Timestamp, zone: ProgramTimeZone,
        in store: any StoreReader
    ) throws -> JSONValue {
        var problems: [ValidationError] = []
        if metric.needsCurrency, currency == nil {
            problems.append(ValidationError(path: "query.currency", message: "is required for \(metric.rawValue)"))
        }
        var windows: [(start: Timestamp, end: Timestamp)] = []
        var cursor = CalendarWindow.containing(from, period: interval.period, in: zone)
        while cursor.start < until, windows.count <= intervalsMax {
            windows.append(cursor)
            cursor = CalendarWindow.containing(cursor.end, period: interval.period, in: zone)
        }
        if windows.count > intervalsMax {
            problems.append(ValidationError(path: "query.from", message: "the range holds more than \(intervalsMax) intervals of a \(interval.rawValue)"))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        let first = windows.first?.start ?? from
        let last = windows.last?.end ?? until
        let slots = try store.timeseries(metric, currency: currency, from: first, until: last)
        var values = [Int64](repeating: 0, count: windows.count)
        var index = 0
        for (slot, value) in slots.sorted(by: { $0.slot < $1.slot }) {
            let at = Timestamp(millisecondsSinceEpoch: slot * slotMilliseconds)
            while index < windows.count, at >= windows[index].end { index += 1 }
            guard index < windows.count, at >= windows[index].start else { continue }
            values[index] += value
        }
        return .object(JSONObject([
            ("metric", .string(metric.rawValue)), ("interval", .string(interval.rawValue)), ("currency", .optional(currency)),
            ("points", .array(zip(windows, values).map { window, value in
                .object(JSONObject([
                    ("start", .string(window.start.rfc3339)), ("end", .string(window.end.rfc3339)), ("value", .int(value)),
                ]))
            })),
        ]))
    }
}

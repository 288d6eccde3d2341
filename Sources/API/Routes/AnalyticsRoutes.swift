import Engine
import HTTP

/// Program analytics for the operator: keys that read the whole program.
enum AnalyticsRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/analytics/summary", access: .readAll,
            summary: "Whether the program pays off over [from, to) (default: the last 30 days): members and organizations active and the "
                + "participation rate; per currency the points issued (less reversals), redeemed and expired, what is outstanding now "
                + "and the redemption rate; members per tier level and the levels reached; badges awarded; each quest's funnel "
                + "(enrolled, each step, completed); goal levels reached; the rules that gave the most.",
            tag: "analytics",
            query: [QueryParameter("from", "Start, inclusive (RFC 3339).", rule: .dateTime),
                    QueryParameter("to", "End, exclusive (RFC 3339); after from.", rule: .dateTime)],
            responses: [(200, "The summary.", "AnalyticsSummary"), (403, "Partner keys.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                let range = try query.range()
                let until = range.until ?? context.now
                let from = range.from ?? until.adding(milliseconds: -30 * 86_400_000)
                return .json(try ProgramSummary.build(from: from, until: until, in: store))
            })
        },
        RouteSpec(
            "GET", "/v1/analytics/timeseries", access: .readAll,
            summary: "A metric per day, ISO week or month of the program's time zone over [from, to) (default: the last 30 days; at most "
                + "400 intervals): events, points_issued and points_redeemed (with currency), redemptions, badges_awarded, "
                + "quest_completions, interactions, feedback.",
            tag: "analytics",
            query: [QueryParameter("metric", "What to count (required).", rule: .choice(of: Timeseries.Metric.self)),
                    QueryParameter("interval", "day (default), week or month.", rule: .choice(of: Timeseries.Interval.self)),
                    QueryParameter("currency", "The currency of a points metric."),
                    QueryParameter("from", "Start (RFC 3339); the interval holding it is the first.", rule: .dateTime),
                    QueryParameter("to", "End, exclusive (RFC 3339); after from.", rule: .dateTime)],
            responses: [(200, "One value per interval.", "AnalyticsTimeseries"), (400, "A missing metric, or too many intervals.", "Problem"),
                        (403, "Partner keys.", "Problem")]
        ) { context, query, respond in
            let environment = context.environment
            respond(context.read { store in
                guard let metric = query.choice("metric", as: Timeseries.Metric.self) else {
                    throw Problem.invalid([ValidationError(path: "query.metric", message: "is required")])
                }
                let range = try query.range()
                let until = range.until ?? context.now
                return .json(try Timeseries.build(
                    metric, currency: query.filter("currency"), interval: query.choice("interval", as: Timeseries.Interval.self) ?? .day,
                    from: range.from ?? until.adding(milliseconds: -30 * 86_400_000), until: until, zone: environment.timeZone, in: store))
            })
        },
    ]
}

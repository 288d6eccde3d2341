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
    ]
}

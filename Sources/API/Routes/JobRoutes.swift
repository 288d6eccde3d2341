import Engine
import HTTP

/// The scheduler's job table, for operators: what runs, when, and how it went.
enum JobRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/jobs", access: .admin,
            summary: "The background jobs (point expiry, maturing, idempotency purge, tier reviews), ordered by key, with state, due time, attempts and last error.",
            tag: "jobs", query: [.limit, .cursor], responses: [(200, "A page of jobs.", "JobPage")]
        ) { context, query, respond in
            respond(context.read { .page(try JobQueries.list(page: query.page(), in: $0), \.json) })
        },
        RouteSpec(
            "POST", "/v1/jobs/run", access: .admin,
            summary: "Run every due job now instead of waiting for the next tick, and list what ran. Each chunk commits on its own, as scheduled runs do.",
            tag: "jobs", responses: [(200, "What ran.", "JobRuns")]
        ) { context, _, respond in
            let now = context.now
            context.environment.scheduler.runDue { runs in
                respond(.json(.object(JSONObject([("now", .string(now.rfc3339)), ("runs", .array(runs.map(\.json)))]))))
            }
        },
    ]
}

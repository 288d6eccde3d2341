import Engine
import HTTP

/// Goals: admin keys define them; members' and organizations' progress is read by whoever may
/// see them.
enum GoalRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/goals/{id}", access: .admin,
            summary: "Create or replace a goal: a metric over a calendar period, levels with rising targets (or percentages of each "
                + "subject's own target) and what each level gives, once per period.",
            tag: "goals", requestSchema: "GoalWrite", responses: [(200, "Replaced.", "Goal"), (201, "Created.", "Goal")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/goals", parse: GoalDraft.parse,
                write: { id, draft, change, store in try GoalCommands.put(id, draft, context: change, in: store) },
                render: { ($0.object.json, $0.created) })
        },
        RouteSpec("GET", "/v1/goals/{id}", access: .anyKey, summary: "One goal.", tag: "goals", responses: [(200, "The goal.", "Goal")]) {
            context, _, respond in
            respond(context.read { .json(try GoalCommands.get(context.parameter("id"), in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/goals/{id}", access: .admin, summary: "Delete a goal; levels reached stay recorded.", tag: "goals",
            responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try GoalCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/goals", access: .anyKey, summary: "List goals, ordered by id.", tag: "goals", query: [.limit, .cursor],
            responses: [(200, "A page of goals.", "GoalPage")]
        ) { context, query, respond in
            respond(context.read { .page(try GoalCommands.list(page: query.page(), in: $0), \.json) })
        },
        progress("/v1/members/{id}/goals", subject: .member),
        progress("/v1/organizations/{id}/goals", subject: .organization),
    ]

    private static func progress(_ pattern: String, subject: Goal.Subject) -> RouteSpec {
        RouteSpec(
            "GET", pattern, access: .anyKey,
            summary: "A \(subject.rawValue)'s progress on each of its goals: this period's total, each level and whether it was "
                + "reached, what the next level needs, and the last periods' results.",
            tag: "goals",
            responses: [(200, "Progress per goal.", "GoalProgress"), (404, "Not found, or outside the key's organization.", "Problem"),
                        (503, "Totals are being folded from a large ledger (at start, or a new goal); see Retry-After.", "Problem")]
        ) { context, _, respond in
            let environment = context.environment
            respond(context.read { store in
                .json(try GoalProgress.view(
                    subject: subject, id: context.parameter("id"), as: context.caller, index: environment.leaderboards, now: context.now,
                    timeZone: environment.timeZone, in: store))
            })
        }
    }
}

import Engine
import HTTP

/// Goals: admin keys define them; members' and organizations' progress is read by whoever may
/// see them.
enum GoalRoutes {
    static let all: [RouteSpec] = ConfigurationRoutes(
        collection: "/v1/goals", tag: "goals", schema: "Goal",
        putSummary: "Create or replace a goal: a metric over a calendar period, levels with rising targets (or percentages of each "
            + "subject's own target) and what each level gives, once per period.",
        deleteSummary: "Delete a goal; levels reached stay recorded.",
        parse: GoalDraft.parse, put: { try GoalCommands.put($0, $1, context: $2, in: $3) }, get: { try GoalCommands.get($0, in: $1) },
        list: { try GoalCommands.list(page: $0, in: $1) }, delete: { try GoalCommands.delete($0, context: $1, in: $2) }
    ).routes + [
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

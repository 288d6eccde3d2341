import Engine
import HTTP

/// Trying candidate rules on past events before switching them on. Admin only: it reads every
/// organization's events and awards.
enum SimulationRoutes {
    static let all: [RouteSpec] = [simulate]

    static let simulate = RouteSpec(
        "POST", "/v1/simulations", access: .admin,
        summary: "Replay stored events from `from` (inclusive) to `to` (exclusive), oldest first, against candidate rules (mode "
            + "`add`: with the live rules, a candidate replacing the live rule of its id; `replace`: alone) and report per "
            + "rule fires, amounts and limit stops with sample explanations, per-currency totals, the members and "
            + "organizations most affected, and everything beside what was actually booked for the same events. Candidates "
            + "are validated as PUT /v1/rules/{id} validates them, problems under `$.rules[i]`. Reversed events are "
            + "excluded. Read-only, on one snapshot: nothing is written, no counter or limit moves. At most "
            + "\(SimulationLimits.standard.eventsMax) events and \(SimulationLimits.standard.rangeDaysMax) days per run.",
        tag: "rules", requestSchema: "SimulationRequest",
        responses: [(200, "What the candidates would have done.", "SimulationResult"),
                    (400, "A malformed request or candidate rule, with the path of every problem.", "Problem"),
                    (422, "A candidate names an unknown currency or badge, or the range is too long or holds too many events.",
                     "Problem")]
    ) { context, _, respond in
        let request: SimulationRequest
        do {
            request = try SimulationRequest.parse(try context.jsonBody())
        } catch {
            return respond(Problem.from(error).response)
        }
        let environment = context.environment
        context.longRead({ store in
            .json(try Simulator.run(
                request, live: try environment.ruleBook.live(in: store), timeZone: environment.timeZone, in: store))
        }, respond: respond)
    }
}

import Engine
import HTTP

/// Feedback from customer organizations' people, and account health.
enum HealthRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/feedback", access: .anyKey,
            summary: "Record feedback: nps (0–10), csat (1–5) or ces (1–7) from a customer organization's member in a stakeholder role "
                + "(decision_maker, influencer, user); with an interaction_id it is transactional, otherwise relational. Idempotent by id.",
            tag: "health", requestSchema: "FeedbackWrite",
            responses: [(201, "Recorded.", "Feedback"), (200, "Already recorded with the same content (Idempotent-Replayed: true).", "Feedback"),
                        (403, "A viewer key.", "Problem"),
                        (422, "An unknown organization (or not the key's), a member outside it, an unknown interaction, or an id used for "
                            + "other feedback.", "Problem")]
        ) { context, _, respond in
            let feedback: Feedback
            do { feedback = try Feedback.parse(try context.jsonBody(), now: context.now) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            context.write({ try HealthCommands.record(feedback, context: change, in: $0) }, respond: respond) { recorded in
                recorded.replayed
                    ? HTTPResponse.json(recorded.feedback.json).with(header: "Idempotent-Replayed", "true")
                    : HTTPResponse.json(recorded.feedback.json, status: 201)
            }
        },
        RouteSpec(
            "GET", "/v1/feedback", access: .anyKey, summary: "Feedback, newest first; a partner key sees its own organization's.",
            tag: "health", query: [QueryParameter("organization_id", "Only this organization's."), .limit, .cursor],
            responses: [(200, "A page of feedback.", "FeedbackPage")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try HealthCommands.list(organizationID: query.filter("organization_id"), page: query.page(), as: context.caller, in: store),
                      \.json)
            })
        },
        RouteSpec(
            "GET", "/v1/organizations/{id}/health", access: .anyKey,
            summary: "An account's health: relational NPS overall, by role and weighted by role (config health.*_weight), CSAT and CES "
                + "(transactional apart), engagement over 30 days against the 30 before (active members, share active, events, "
                + "redemptions), a score 0–100 with its band (healthy ≥ 70, watch ≥ 50, at_risk), and renewal risks with reasons.",
            tag: "health", responses: [(200, "The account's health.", "AccountHealth"), (404, "No such organization, or not the key's.", "Problem")]
        ) { context, _, respond in
            let environment = context.environment
            respond(context.read { store in
                .json(try HealthCommands.health(
                    of: context.parameter("id"), as: context.caller, weights: environment.healthWeights, now: context.now, in: store).json)
            })
        },
    ]
}

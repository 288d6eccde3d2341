import Engine
import HTTP

/// Redeeming points for rewards: place (hold the points), fulfill (redeem them for good, with a
/// code) or cancel (give them back). Every step is one write of the single writer.
enum RedemptionRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/redemptions", access: .anyKey,
            summary: "Redeem a reward for a member: checks eligibility, takes one from stock, holds the cost, records it pending. "
                + "Idempotent by the optional id (like events) and by the Idempotency-Key header.",
            tag: "rewards", requestSchema: "RedemptionWrite",
            responses: [(201, "Placed: the redemption and the member's new balance in the cost currency.", "RedemptionOutcome"),
                        (200, "Already placed under this id with the same body (Idempotent-Replayed: true): the redemption as it now is.",
                         "RedemptionOutcome"),
                        (403, "Viewer keys.", "Problem"),
                        (409, "Not redeemable now: out of stock, per-member limit reached, outside its window, or not enough "
                            + "available points (the detail says how many the member has). Nothing was written.", "Problem"),
                        (422, "Unknown or invisible member, unknown reward, a member outside the reward's audience or below its minimum tier, "
                            + "or an id already used for another redemption (or one the key may not see) at $.id.", "Problem")],
            idempotency: .byHeader(redacting: [])
        ) { context, _, respond in
            let request: RedemptionCommands.Request
            do { request = try RedemptionCommands.Request.parse(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            let generatedID = Redemption.generateID()
            context.write({ try RedemptionCommands.redeem(request, context: change, generatedID: generatedID, in: $0) }, respond: respond) {
                $0.replayed ? HTTPResponse.json($0.json).with(header: "Idempotent-Replayed", "true") : .json($0.json, status: 201)
            }
        },
        transition("fulfill", summary: "Fulfill a pending redemption (admin and integration keys), optionally with a code: the held points are redeemed for good. "
            + "Fulfilling again answers the same; a cancelled one is 409.") { id, code, change, store in
            try RedemptionCommands.fulfill(id, code: code, context: change, in: store)
        },
        transition("cancel", summary: "Cancel a pending redemption: the points go back exactly as they were and the stock is restored. "
            + "Cancelling again answers the same; a fulfilled one is 409.") { id, _, change, store in
            try RedemptionCommands.cancel(id, context: change, in: store)
        },
        RouteSpec(
            "GET", "/v1/redemptions/{id}", access: .anyKey, summary: "One redemption.", tag: "rewards",
            responses: [(200, "The redemption.", "Redemption")]
        ) { context, _, respond in
            respond(context.read { .json(try RedemptionCommands.get(context.parameter("id"), as: context.caller, in: $0).json) })
        },
        RouteSpec(
            "GET", "/v1/redemptions", access: .anyKey, summary: "List redemptions, ordered by id; partner keys see their own members' only.",
            tag: "rewards", query: [QueryParameter("member_id", "Only this member's."), status, .limit, .cursor],
            responses: [(200, "A page of redemptions.", "RedemptionPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let filter = RedemptionFilter(
                    memberID: query.filter("member_id"), status: query.choice("status", as: Redemption.Status.self))
                return .page(try RedemptionCommands.list(filter, page: query.page(), as: context.caller, in: store), \.json)
            })
        },
        RouteSpec(
            "GET", "/v1/members/{id}/redemptions", access: .anyKey, summary: "A member's redemptions, ordered by id.", tag: "rewards",
            query: [status, .limit, .cursor], responses: [(200, "A page of redemptions.", "RedemptionPage")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try RedemptionCommands.list(
                    ofMember: context.parameter("id"), status: query.choice("status", as: Redemption.Status.self),
                    page: query.page(), as: context.caller, in: store), \.json)
            })
        },
    ]

    static let status = QueryParameter("status", "pending, fulfilled or cancelled.", rule: .choice(of: Redemption.Status.self))

    private static func transition(
        _ name: String, summary: String,
        _ step: @escaping @Sendable (String, String?, ChangeContext, any StoreWriter) throws -> RedemptionCommands.Outcome
    ) -> RouteSpec {
        RouteSpec(
            "POST", "/v1/redemptions/{id}/\(name)", access: .anyKey, summary: summary, tag: "rewards",
            requestSchema: name == "fulfill" ? "RedemptionFulfill" : nil,
            responses: [(200, "The redemption as it now is, with the member's balance.", "RedemptionOutcome"),
                        (409, "The redemption is already in the other final state.", "Problem")]
        ) { context, _, respond in
            let code: String?
            do { code = try RedemptionCommands.parseCode(context.request.body.isEmpty ? nil : try context.jsonBody()) } catch {
                return respond(Problem.from(error).response)
            }
            let id = context.parameter("id")
            let change = context.change
            context.write({ try step(id, code, change, $0) }, respond: respond) { .json($0.json) }
        }
    }
}

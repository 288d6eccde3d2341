import Engine
import HTTP

/// The reward catalog: admin keys define rewards; every key may read them; with `member_id` the
/// catalog says what that member may redeem now, and why not.
enum RewardRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/rewards/{id}", access: .admin,
            summary: "Create or replace a reward: kind, cost in a redeemable currency, stock, per-member limit, audience, active window. "
                + "min_tier names a level of a member tier ladder (422 otherwise); members below it cannot redeem.",
            tag: "rewards", requestSchema: "RewardWrite",
            responses: [(200, "Replaced.", "Reward"), (201, "Created.", "Reward"),
                        (422, "An unknown or non-redeemable currency, at $.cost.currency.", "Problem")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/rewards", parse: RewardDraft.parse,
                write: { id, draft, change, store in try RewardCommands.put(id, draft, context: change, in: store) },
                render: { ($0.object.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/rewards/{id}", access: .anyKey, summary: "One reward.", tag: "rewards",
            responses: [(200, "The reward.", "Reward")]
        ) { context, _, respond in
            respond(context.read { .json(try RewardCommands.get(context.parameter("id"), in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/rewards/{id}", access: .admin,
            summary: "Delete a reward; its redemptions stay and can still be fulfilled or cancelled.", tag: "rewards",
            responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try RewardCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/rewards", access: .anyKey,
            summary: "List rewards, ordered by id. With member_id, each says redeemable_now and, when false, the reasons.",
            tag: "rewards", query: [QueryParameter("member_id", "Answer for this member (404 if the key may not see it)."), .limit, .cursor],
            responses: [(200, "A page of rewards.", "RewardPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let page = query.page()
                guard let memberID = query.filter("member_id") else {
                    return .page(try RewardCommands.list(page: page, in: store), \.json)
                }
                return .page(try RewardCommands.catalog(for: memberID, page: page, as: context.caller, at: context.now, in: store)) { $0 }
            })
        },
    ]
}

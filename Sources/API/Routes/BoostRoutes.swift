import Engine
import HTTP

/// A member's boosts, seen by whoever may see the member (a partner key only within its organization).
enum BoostRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/members/{id}/boosts", access: .anyKey,
            summary: "A member's boosts in grant order; active=true lists only those usable now (not expired, "
                + "not revoked, a use left).",
            tag: "boosts",
            query: [QueryParameter("active", "true for only the boosts usable now (default false).", rule: .boolean(default: false)),
                    .limit, .cursor],
            responses: [(200, "A page of boosts.", "BoostPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let activeOnly = query.bool("active")
                let page = try BoostCommands.list(
                    ofMember: context.parameter("id"), activeOnly: activeOnly, page: query.page(), as: context.caller,
                    at: context.now, in: store)
                return .page(page) { $0.json(now: context.now) }
            })
        },
    ]
}

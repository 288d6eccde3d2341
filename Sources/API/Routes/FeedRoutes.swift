import Engine
import HTTP

/// The feed of public achievements: the program's, or one organization's wall.
enum FeedRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/feed", access: .anyKey,
            summary: "Recent public achievements, newest first: badges earned, tier levels reached, places among a closed period's "
                + "winners. A partner key sees its own organization's wall. Private profiles are anonymous outside their organization.",
            tag: "feed",
            query: [QueryParameter("organization_id", "Only this organization's wall (a partner key's own by default)."),
                    LeaderboardRoutes.asMember, .limit, .cursor],
            responses: [(200, "A page of feed items.", "FeedPage"), (404, "No such organization, or not the partner key's own.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try Feed.page(
                    organizationID: query.filter("organization_id"), asMember: query.filter("as_member"), page: query.page(),
                    as: context.caller, in: store)) { $0 }
            })
        },
    ]
}

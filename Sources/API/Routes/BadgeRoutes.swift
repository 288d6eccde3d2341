import Engine
import HTTP

/// Badges: admin keys define them; every key may read them; a member's badges are seen by whoever
/// may see the member.
enum BadgeRoutes {
    static let all: [RouteSpec] = ConfigurationRoutes(
        collection: "/v1/badges", tag: "badges", schema: "Badge",
        putSummary: "Create or replace a badge: once or repeatable, optionally seasonal, optionally earned by a counter criterion.",
        deleteSummary: "Delete a badge that no live rule awards and no tier ladder counts; members keep what they earned.",
        deleteRefusals: [(409, "Still in use; errors lists every dependant (path rules/ID or tier-ladders/ID) and how it depends. "
            + "Nothing was written.", "Problem")],
        parse: BadgeDraft.parse, put: { try BadgeCommands.put($0, $1, context: $2, in: $3) }, get: { try BadgeCommands.get($0, in: $1) },
        list: { try BadgeCommands.list(page: $0, in: $1) }, delete: { try BadgeCommands.delete($0, context: $1, in: $2) }
    ).routes + [
        RouteSpec(
            "GET", "/v1/members/{id}/badges", access: .anyKey,
            summary: "A member's badges, newest first (at most 1000); include_revoked=true lists revoked ones too.", tag: "badges",
            query: [.includeRevoked], responses: [(200, "The member's badges.", "MemberBadges")]
        ) { context, query, respond in
            respond(context.read { store in
                let includeRevoked = query.bool("include_revoked")
                return .json(try BadgeCommands.memberBadges(
                    context.parameter("id"), includeRevoked: includeRevoked, as: context.caller, in: store))
            })
        },
        RouteSpec(
            "POST", "/v1/members/{id}/badges/{badge_id}/revoke", access: .admin,
            summary: "Take a badge back from a member, with a reason kept in the audit log: every instance the member "
                + "holds, or with event_id only the one that event earned. The member may earn it again.",
            tag: "badges", requestSchema: "BadgeRevocation",
            responses: [(200, "The instances revoked now.", "MemberBadges"),
                        (404, "No such member, or the member holds no such badge (any more).", "Problem")],
            idempotency: .byHeader(redacting: [])
        ) { context, _, respond in
            let revocation: BadgeRevocation
            do { revocation = try BadgeRevocation.parse(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            let memberID = context.parameter("id"), badgeID = context.parameter("badge_id")
            context.write({ try BadgeCommands.revoke(memberID: memberID, badgeID: badgeID, revocation, context: change, in: $0) },
                          respond: respond) { .json($0) }
        },
    ]
}

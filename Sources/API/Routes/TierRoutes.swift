import Engine
import HTTP

/// Tier ladders: admin keys define them; every key may read them; a member's or organization's
/// standing is seen by whoever may see it (a partner key only within its organization).
enum TierRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/tier-ladders/{id}", access: .admin,
            summary: "Create or replace a tier ladder: levels by threshold of a currency earned in a window, with benefits.",
            tag: "tiers", requestSchema: "TierLadderWrite",
            responses: [(200, "Replaced.", "TierLadder"), (201, "Created.", "TierLadder")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/tier-ladders", parse: TierLadderDraft.parse,
                write: { id, draft, change, store in try TierCommands.put(id, draft, context: change, in: store) },
                render: { ($0.object.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/tier-ladders/{id}", access: .anyKey, summary: "One tier ladder.", tag: "tiers",
            responses: [(200, "The ladder.", "TierLadder")]
        ) { context, _, respond in
            respond(context.read { .json(try TierCommands.get(context.parameter("id"), in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/tier-ladders/{id}", access: .admin, summary: "Delete a tier ladder and every level held on it.",
            tag: "tiers", responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try TierCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/tier-ladders", access: .anyKey, summary: "List tier ladders, ordered by id.", tag: "tiers",
            query: [.limit, .cursor], responses: [(200, "A page of ladders.", "TierLadderPage")]
        ) { context, query, respond in
            respond(context.read { .page(try TierCommands.list(page: query.page(), in: $0), \.json) })
        },
        RouteSpec(
            "GET", "/v1/members/{id}/tier", access: .anyKey,
            summary: "A member's level on every member ladder, its qualifying amount and what the next level needs.", tag: "tiers",
            responses: [(200, "The member's tiers.", "TierStandings")]
        ) { context, _, respond in
            respond(context.read { store in
                let member = try MemberCommands.get(context.parameter("id"), as: context.caller, in: store).member
                return .json(try TierCommands.standing(of: .member(member.id), at: context.now, timeZone: context.environment.timeZone, in: store))
            })
        },
        RouteSpec(
            "GET", "/v1/organizations/{id}/tier", access: .anyKey,
            summary: "An organization's level on every organization ladder and what the next level needs.", tag: "tiers",
            responses: [(200, "The organization's tiers.", "TierStandings")]
        ) { context, _, respond in
            respond(context.read { store in
                let organization = try OrganizationCommands.get(context.parameter("id"), as: context.caller, in: store)
                return .json(try TierCommands.standing(of: .organization(organization.id), at: context.now, timeZone: context.environment.timeZone, in: store))
            })
        },
    ]
}

import Engine
import HTTP

/// Tier ladders: admin keys define them; every key may read them; a member's or organization's
/// standing is seen by whoever may see it (a partner key only within its organization).
enum TierRoutes {
    static let all: [RouteSpec] = ConfigurationRoutes(
        collection: "/v1/tier-ladders", tag: "tiers", schema: "TierLadder",
        putSummary: "Create or replace a tier ladder: levels by threshold of a currency earned in a window, with benefits.",
        deleteSummary: "Delete a tier ladder and every level held on it.",
        parse: TierLadderDraft.parse, put: { try TierCommands.put($0, $1, context: $2, in: $3) },
        get: { try TierCommands.get($0, in: $1) }, list: { try TierCommands.list(page: $0, in: $1) },
        delete: { try TierCommands.delete($0, context: $1, in: $2) }
    ).routes + [
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

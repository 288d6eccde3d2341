import Engine

/// Members: admin and integration keys manage all; partner keys manage their own organization's.
enum MemberRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/members/{id}", access: .anyKey,
            summary: "Create or replace a member. A new organization_id moves the member; the move is kept in its history.",
            tag: "members", requestSchema: "MemberWrite",
            responses: [(200, "Replaced.", "MemberProfile"), (201, "Created.", "MemberProfile"),
                        (422, "The organization does not exist (or is not visible to this key).", "Problem")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/members", parse: MemberDraft.parse,
                write: { id, draft, change, store in
                    let outcome = try MemberCommands.put(id, draft, context: change, in: store)
                    return try MemberCommands.profile(of: outcome.member, created: outcome.created, in: store)
                },
                render: { ($0.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/members/{id}", access: .anyKey,
            summary: "A member's profile: the member, its organization, the organizations it has belonged to, its balances "
                + "in every currency, its badges, its tiers with progress and its active boosts.",
            tag: "members", responses: [(200, "The member's profile.", "MemberView")]
        ) { context, _, respond in
            respond(context.read { store in .json(try profile(context.parameter("id"), context: context, in: store)) })
        },
        RouteSpec(
            "DELETE", "/v1/members/{id}", access: .anyKey, summary: "Delete a member.", tag: "members",
            responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try MemberCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/members", access: .anyKey, summary: "List members, ordered by id.", tag: "members",
            query: [
                QueryParameter("organization_id", "Only members of this organization."),
                QueryParameter("role", "Only members with this role.", rule: .text(.word)),
                QueryParameter("team", "Only members of this team.", rule: .text(.text(max: 128))),
                .limit, .cursor,
            ],
            responses: [(200, "A page of members.", "MemberPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let filter = MemberFilter(
                    organizationID: query.filter("organization_id"),
                    role: query.filter("role"), team: query.filter("team"))
                return .page(try MemberCommands.list(filter, page: query.page(), as: context.caller, in: store), \.json)
            })
        },
    ]

    /// The member document with what a portal shows next to it: organization, balances, badges, its
    /// standing on every member tier ladder (as `GET /v1/members/{id}/tier`) and its active boosts
    /// (the first 500; `GET /v1/members/{id}/boosts` pages them all).
    static func profile(_ id: String, context: RequestContext, in store: any StoreReader) throws -> JSONValue {
        let profile = try MemberCommands.get(id, as: context.caller, in: store)
        guard case .object(var document) = profile.json else { return profile.json }
        if let organization = try store.organization(id: profile.member.organizationID) {
            document["organization"] = .object(JSONObject([
                ("id", .string(organization.id)), ("name", .string(organization.name)), ("kind", .string(organization.kind)),
            ]))
        }
        let balances = try BalanceRoutes.balances(of: .member(profile.member.id), at: context.now, in: store)
        document["balances"] = balances.objectValue?["balances"] ?? .object(JSONObject())
        let badges = try BadgeCommands.memberBadges(profile.member.id, includeRevoked: false, as: context.caller, in: store)
        document["badges"] = badges.objectValue?["badges"] ?? .array([])
        let tiers = try TierCommands.standing(of: .member(profile.member.id), at: context.now, timeZone: context.environment.timeZone, in: store)
        document["tiers"] = tiers.objectValue?["tiers"] ?? .array([])
        let boosts = try store.boosts(memberID: profile.member.id, activeAt: context.now, page: PageRequest(limit: PageRequest.limitMax))
        document["boosts"] = .array(boosts.items.map { $0.json(now: context.now) })
        return .object(document)
    }
}

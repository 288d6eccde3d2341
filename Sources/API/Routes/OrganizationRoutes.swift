import Engine

/// Organizations: admin and integration keys manage them; partner keys see only their own.
enum OrganizationRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/organizations/{id}", access: .anyKey, summary: "Create or replace an organization.", tag: "organizations",
            requestSchema: "OrganizationWrite",
            responses: [(200, "Replaced.", "Organization"), (201, "Created.", "Organization"),
                        (422, "The parent does not exist or would form a loop.", "Problem")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/organizations", parse: OrganizationDraft.parse,
                write: { id, draft, change, store in try OrganizationCommands.put(id, draft, context: change, in: store) },
                render: { ($0.organization.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/organizations/{id}", access: .anyKey, summary: "One organization.", tag: "organizations",
            responses: [(200, "The organization.", "Organization")]
        ) { context, _, respond in
            respond(context.read { .json(try OrganizationCommands.get(context.parameter("id"), as: context.caller, in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/organizations/{id}", access: .anyKey,
            summary: "Delete an organization that has no members and no child organizations.", tag: "organizations",
            responses: [(204, "Deleted.", nil), (409, "It still has members or child organizations.", "Problem")]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try OrganizationCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/organizations", access: .anyKey, summary: "List organizations, ordered by id.", tag: "organizations",
            query: [
                QueryParameter("kind", "Only organizations of this kind.", rule: .text(.word)),
                QueryParameter("segment", "Only organizations in this segment.", rule: .text(.word)),
                QueryParameter("status", "Only organizations with this status.", rule: .choice(of: RecordStatus.self)),
                QueryParameter("health_band", "Only accounts whose health is in this band (each one's health is computed).",
                               rule: .choice(of: AccountHealth.Band.self)),
                .limit, .cursor,
            ],
            responses: [(200, "A page of organizations.", "OrganizationPage")]
        ) { context, query, respond in
            let environment = context.environment
            respond(context.read { store in
                let filter = OrganizationFilter(
                    kind: query.filter("kind"), segment: query.filter("segment"),
                    status: query.choice("status", as: RecordStatus.self))
                if let band = query.choice("health_band", as: AccountHealth.Band.self) {
                    return .page(try HealthCommands.organizations(
                        inBand: band, filter: filter, page: query.page(), as: context.caller, weights: environment.healthWeights,
                        now: context.now, in: store), \.json)
                }
                return .page(try OrganizationCommands.list(filter, page: query.page(), as: context.caller, in: store), \.json)
            })
        },
        RouteSpec(
            "GET", "/v1/organizations/{id}/members", access: .anyKey, summary: "The members of one organization.", tag: "organizations",
            query: [QueryParameter("role", "Only members with this role.", rule: .text(.word)), QueryParameter("team", "Only members of this team.", rule: .text(.text(max: 128))), .limit, .cursor],
            responses: [(200, "A page of members.", "MemberPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let filter = MemberFilter(role: query.filter("role"), team: query.filter("team"))
                return .page(
                    try MemberCommands.list(ofOrganization: context.parameter("id"), filter, page: query.page(), as: context.caller, in: store),
                    \.json)
            })
        },
    ]
}

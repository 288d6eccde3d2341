import Engine
import HTTP

/// Rules: admin keys write them (each change a new version); program-wide keys read them.
enum RuleRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/rules/{id}", access: .admin,
            summary: "Create or replace a rule. It is validated first (every problem with its JSON path); each change is a new version.",
            tag: "rules", requestSchema: "RuleWrite",
            responses: [(200, "Replaced (a new version, or the same one when nothing changed).", "Rule"), (201, "Created.", "Rule"),
                        (422, "An award names a currency that does not exist.", "Problem")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/rules",
                parse: { body, id in (rule: try RuleParser.parse(body, id: id), document: body) },
                write: { id, parsed, change, store in
                    try RuleCatalogCommands.put(id, rule: parsed.rule, document: parsed.document, context: change, in: store)
                },
                render: { ($0.rule.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/rules/{id}", access: .readAll, summary: "A rule's current version.", tag: "rules",
            responses: [(200, "The rule.", "Rule")]
        ) { context, _, respond in
            respond(context.read { .json(try RuleCatalogCommands.get(context.parameter("id"), in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/rules/{id}", access: .admin,
            summary: "Stop a rule. Its versions are kept, so past awards keep their explanation.", tag: "rules",
            responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try RuleCatalogCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/rules", access: .readAll, summary: "Live rules (current versions), ordered by id.", tag: "rules",
            query: [.limit, .cursor], responses: [(200, "A page of rules.", "RulePage")]
        ) { context, query, respond in
            respond(context.read { .page(try RuleCatalogCommands.list(page: query.page(), in: $0), \.json) })
        },
        RouteSpec(
            "GET", "/v1/rules/{id}/versions", access: .readAll, summary: "Every version of a rule, newest first, deleted or not.",
            tag: "rules", query: [.limit, .cursor], responses: [(200, "A page of versions.", "RulePage")]
        ) { context, query, respond in
            respond(context.read { .page(try RuleCatalogCommands.versions(context.parameter("id"), page: query.page(), in: $0), \.json) })
        },
    ]
}

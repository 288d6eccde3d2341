import Engine

enum AuditRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/audit", access: .admin,
            summary: "The audit log, newest first: every configuration write and key operation with key, time, before and after.",
            tag: "audit",
            query: [
                QueryParameter("entity_kind", "Only entries about this kind of thing (organization, member, key).", rule: .text(.word)),
                QueryParameter("entity_id", "Only entries about this id."),
                QueryParameter("key_id", "Only entries made with this key."),
                QueryParameter("action", "Only this action, e.g. member.move."),
                .limit, .cursor,
            ],
            responses: [(200, "A page of audit entries.", "AuditPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let filter = AuditFilter(
                    entityKind: query.filter("entity_kind"), entityID: query.filter("entity_id"),
                    keyID: query.filter("key_id"), action: query.filter("action"))
                return .page(try AuditQueries.list(filter, page: query.page(), as: context.caller, in: store), \.json)
            })
        },
    ]
}

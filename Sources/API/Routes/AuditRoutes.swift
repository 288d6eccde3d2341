import Engine

enum AuditRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/audit", access: .admin,
            summary: "The audit log, newest first: every configuration write and key operation with key, time, before and after.",
            tag: "audit",
            query: [
                QueryParameter("entity_kind", "Only entries about this kind of thing (organization, member, key)."),
                QueryParameter("entity_id", "Only entries about this id."),
                QueryParameter("key_id", "Only entries made with this key."),
                QueryParameter("action", "Only this action, e.g. member.move."),
                .limit, .cursor,
            ],
            responses: [(200, "A page of audit entries.", "AuditPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let filter = AuditFilter(
                    entityKind: try query.filter("entity_kind", rule: .word), entityID: try query.filter("entity_id", rule: .identifier),
                    keyID: try query.filter("key_id", rule: .identifier), action: try query.filter("action", rule: .identifier))
                return .page(try AuditQueries.list(filter, page: try query.page(), as: context.caller, in: store), \.json)
            })
        },
    ]
}

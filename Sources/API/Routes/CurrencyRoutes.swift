import Engine
import HTTP

/// Currencies: admin keys configure them; every key may read them.
enum CurrencyRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/currencies/{id}", access: .admin,
            summary: "Create or replace a currency: whether it is redeemable, when earned lots expire, how long they stay pending.",
            tag: "currencies", requestSchema: "CurrencyWrite",
            responses: [(200, "Replaced.", "Currency"), (201, "Created.", "Currency")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/currencies", parse: CurrencyDraft.parse,
                write: { id, draft, change, store in try CurrencyCommands.put(id, draft, context: change, in: store) },
                render: { ($0.object.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/currencies/{id}", access: .anyKey, summary: "One currency.", tag: "currencies",
            responses: [(200, "The currency.", "Currency")]
        ) { context, _, respond in
            respond(context.read { .json(try CurrencyCommands.get(context.parameter("id"), in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/currencies/{id}", access: .admin,
            summary: "Delete a currency that nothing uses any more: no live rule awards, boosts or limits it, no reward costs it, "
                + "no tier ladder counts it, no holder holds it and no pending redemption holds it. The ledger keeps its history.",
            tag: "currencies",
            responses: [(204, "Deleted.", nil),
                        (409, "Still in use; errors lists every dependant (path rules/ID, rewards/ID, tier-ladders/ID, balances, "
                            + "redemptions) and how it depends. Nothing was written.", "Problem")]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try CurrencyCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/currencies", access: .anyKey, summary: "List currencies, ordered by id.", tag: "currencies",
            query: [.limit, .cursor], responses: [(200, "A page of currencies.", "CurrencyPage")]
        ) { context, query, respond in
            respond(context.read { .page(try CurrencyCommands.list(page: query.page(), in: $0), \.json) })
        },
    ]
}

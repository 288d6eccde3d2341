import Engine
import HTTP

/// API keys: admin only. The secret is in the creation answer and nowhere else, ever.
enum KeyRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/keys", access: .admin, summary: "Create an API key; its secret is shown in this answer only.", tag: "keys",
            requestSchema: "KeyCreate",
            responses: [(201, "Created; `secret` is the key to send as a bearer token.", "KeyCreated")],
            idempotency: .byHeader(redacting: ["secret"])
        ) { context, _, respond in
            let draft: KeyDraft
            do { draft = try KeyDraft.parse(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            context.write({ try KeyCommands.create(draft, context: change, in: $0) }, respond: respond) { created in
                guard case .object(var object) = created.key.json else { return .noContent }
                object["secret"] = .string(created.secret)
                return HTTPResponse.json(.object(object), status: 201).with(header: "Location", "/v1/keys/\(created.key.id)")
            }
        },
        RouteSpec(
            "GET", "/v1/keys", access: .admin, summary: "List keys (never their secrets).", tag: "keys",
            query: [.limit, .cursor], responses: [(200, "A page of keys.", "KeyPage")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try KeyCommands.list(page: query.page(), as: context.caller, in: store), \.json)
            })
        },
        RouteSpec(
            "GET", "/v1/keys/{id}", access: .admin, summary: "One key (never its secret).", tag: "keys",
            responses: [(200, "The key.", "Key")]
        ) { context, _, respond in
            respond(context.read { .json(try KeyCommands.get(context.parameter("id"), context: context.caller, in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/keys/{id}", access: .admin, summary: "Revoke a key at once. Revoking twice is harmless.", tag: "keys",
            responses: [(200, "The revoked key.", "Key"), (409, "The last active admin key cannot be revoked.", "Problem")]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            let authenticator = context.environment.authenticator
            context.write({ try KeyCommands.revoke(id, context: change, in: $0) }, respond: respond) { key in
                authenticator.evict(keyID: key.id)
                return .json(key.json)
            }
        },
    ]
}

import Engine
import HTTP

/// The four routes every configuration kind shares — PUT, GET and DELETE `/v1/<kind>/{id}` and
/// the list, ordered by id — built from the kind's draft parser and commands, so that each kind's
/// file states only what is its own: what its writes and deletes do, and its other routes.
struct ConfigurationRoutes<Object: ConfigurationObject, Draft: Sendable> {
    /// `/v1/quests`: the list, and the prefix of each object's path.
    var collection: String
    var tag: String
    /// The schema of one object (`Quest`); its write and page schemas are `QuestWrite`, `QuestPage`.
    var schema: String
    /// Who may read (writes are admin keys' only).
    var readAccess: Access = .anyKey
    var putSummary: String
    /// Answers the PUT may give besides 200 and 201.
    var putRefusals: [(status: Int, description: String, schema: String?)] = []
    var getSummary: String?
    var deleteSummary: String
    /// Answers the DELETE may give besides 204 (a 409 while something still depends on it).
    var deleteRefusals: [(status: Int, description: String, schema: String?)] = []
    var parse: @Sendable (JSONValue, String) throws -> Draft
    var put: @Sendable (String, Draft, ChangeContext, any StoreWriter) throws -> ConfigurationWrites.Put<Object>
    var get: @Sendable (String, any StoreReader) throws -> Object
    var list: @Sendable (PageRequest, any StoreReader) throws -> Page<Object>
    var delete: @Sendable (String, ChangeContext, any StoreWriter) throws -> Void

    /// `tier ladder` for `tier_ladder`: the kind as the summaries say it.
    private var noun: String { String(Object.kind.map { $0 == "_" ? " " : $0 }) }

    var routes: [RouteSpec] {
        let (parse, put, get, list, delete, collection) = (parse, put, get, list, delete, collection)
        return [
            RouteSpec(
                "PUT", "\(collection)/{id}", access: .admin, summary: putSummary, tag: tag, requestSchema: "\(schema)Write",
                responses: [(200, "Replaced.", schema), (201, "Created.", schema)] + putRefusals
            ) { context, _, respond in
                PutHandler.handle(
                    context, respond: respond, collection: collection, parse: parse, write: put, render: { ($0.object.json, $0.created) })
            },
            RouteSpec(
                "GET", "\(collection)/{id}", access: readAccess, summary: getSummary ?? "One \(noun).", tag: tag,
                responses: [(200, "The \(noun).", schema)]
            ) { context, _, respond in
                respond(context.read { .json(try get(context.parameter("id"), $0).json) })
            },
            RouteSpec(
                "DELETE", "\(collection)/{id}", access: .admin, summary: deleteSummary, tag: tag,
                responses: [(204, "Deleted.", nil)] + deleteRefusals
            ) { context, _, respond in
                let id = context.parameter("id")
                let change = context.change
                context.write({ try delete(id, change, $0) }, respond: respond) { .noContent }
            },
            RouteSpec(
                "GET", collection, access: readAccess, summary: "List \(Object.kindPlural), ordered by id.", tag: tag,
                query: [.limit, .cursor], responses: [(200, "A page of \(Object.kindPlural).", "\(schema)Page")]
            ) { context, query, respond in
                respond(context.read { .page(try list(query.page(), $0), \.json) })
            },
        ]
    }
}

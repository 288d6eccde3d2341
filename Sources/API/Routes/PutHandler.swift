import Engine
import HTTP

/// The shape every `PUT /v1/<kind>/{id}` shares: check the id, validate the body into a draft
/// before touching the writer, write, and answer 201 with `Location` when created, else 200.
enum PutHandler {
    static func handle<Draft: Sendable, Outcome: Sendable>(
        _ context: RequestContext, respond: @escaping Respond, collection: String,
        parse: (JSONValue, String) throws -> Draft,
        write: @escaping @Sendable (String, Draft, ChangeContext, any StoreWriter) throws -> Outcome,
        render: @escaping @Sendable (Outcome) -> (document: JSONValue, created: Bool)
    ) {
        let id = context.parameter("id")
        let draft: Draft
        do {
            try checkPathID(id)
            draft = try parse(try context.jsonBody(), id)
        } catch {
            return respond(Problem.from(error).response)
        }
        let change = context.change
        context.write({ try write(id, draft, change, $0) }, respond: respond) { outcome in
            let (document, created) = render(outcome)
            let response = HTTPResponse.json(document, status: created ? 201 : 200)
            return created ? response.with(header: "Location", "\(collection)/\(id)") : response
        }
    }

    /// Ids in paths obey the same rule as ids in bodies.
    static func checkPathID(_ id: String) throws {
        if let problem = TextRule.identifier.problem(with: id) {
            throw Problem.invalid([ValidationError(path: "path.id", message: problem)])
        }
    }
}

public import Engine
public import HTTP

/// Everything a handler needs about one request, already authenticated and routed.
public struct RequestContext: Sendable {
    public let request: HTTPRequest
    public let parameters: [String: String]
    /// Nil only on public routes.
    public let principal: Principal?
    public let requestID: String
    public let environment: APIEnvironment
    /// Set when the request carries an `Idempotency-Key` that this request now owns.
    let idempotencyClaim: IdempotencyGate.Claim?

    /// The authenticated principal; handlers of authenticated routes may rely on it.
    public var caller: Principal {
        guard let principal else { preconditionFailure("principal read on a public route") }
        return principal
    }

    public func parameter(_ name: String) -> String {
        guard let value = parameters[name] else { preconditionFailure("route has no parameter \(name)") }
        return value
    }

    public var now: Timestamp { environment.clock.now() }

    public var change: ChangeContext {
        ChangeContext(principal: principal, at: now, requestID: requestID, timeZone: environment.timeZone)
    }

    /// The request body as JSON, or a 400/415 problem.
    public func jsonBody() throws -> JSONValue {
        guard !request.body.isEmpty else {
            throw Problem.invalid([ValidationError(path: "$", message: "a JSON body is required")])
        }
        if let type = request.headers["Content-Type"] {
            let mediaType = type.split(separator: ";").first.map { $0.trimmed().lowercased() } ?? ""
            guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
                throw Problem(status: 415, title: "Unsupported media type", detail: "Send the body as application/json.")
            }
        }
        do {
            return try JSONParser.parse(request.body, limits: environment.jsonLimits)
        } catch {
            throw Problem.invalid([ValidationError(path: "$", message: error.description)], detail: "The body is not acceptable JSON: \(error.description).")
        }
    }

    /// Runs a read on a snapshot and turns failures into problems.
    public func read(_ body: (any StoreReader) throws -> HTTPResponse) -> HTTPResponse {
        do {
            return try environment.store.read(body)
        } catch {
            return environment.failure(error, context: self)
        }
    }

    /// A read that may take seconds: run on `APIEnvironment.longReads`, answered from there, so
    /// the event loop that received the request goes on serving its other connections.
    public func longRead(
        _ body: @escaping @Sendable (any StoreReader) throws -> HTTPResponse, respond: @escaping @Sendable (HTTPResponse) -> Void
    ) {
        let context = self
        environment.longReads.async { respond(context.read(body)) }
    }

    /// Hands a write to the writer; `render` turns its committed result into the answer. With an
    /// idempotency claim the answer is rendered inside the transaction and stored with it.
    public func write<T: Sendable>(
        _ body: @escaping @Sendable (any StoreWriter) throws -> T,
        respond: @escaping @Sendable (HTTPResponse) -> Void,
        render: @escaping @Sendable (T) -> HTTPResponse
    ) {
        let context = self
        let finish: @Sendable (Result<HTTPResponse, any Error>) -> Void = { result in
            switch result {
            case .success(let response): respond(response)
            case .failure(let error): respond(context.environment.failure(error, context: context))
            }
        }
        guard let claim = idempotencyClaim else {
            environment.store.write(body) { finish($0.map(render)) }
            return
        }
        let at = now
        environment.store.write({ store -> HTTPResponse in
            let response = render(try body(store))
            try store.save(claim.record(for: response, at: at))
            return response
        }, completion: finish)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (the only whitespace HTTP field values have).
    func trimmed() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

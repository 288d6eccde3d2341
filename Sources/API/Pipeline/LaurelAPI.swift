import Dispatch
import Engine
public import HTTP

/// The HTTP responder for the whole API: request id, routing, authentication, rate limiting,
/// query checks and idempotency, then the route's handler; and on the way out the request id
/// header, metrics and one log line.
public final class LaurelAPI: HTTPResponder {
    public let environment: APIEnvironment
    public let routes: [RouteSpec]
    private let router: Router<RouteSpec>
    private let rateLimiter: RateLimiter
    private let idempotency = IdempotencyGate()

    public init(environment: APIEnvironment, rateLimits: RateLimitPolicy = RateLimitPolicy()) {
        self.environment = environment
        self.rateLimiter = RateLimiter(policy: rateLimits)
        let document = OpenAPIDocumentSlot()
        var routes: [RouteSpec] = []
        routes += OpsRoutes.all(document: document)
        routes += KeyRoutes.all
        routes += OrganizationRoutes.all
        routes += MemberRoutes.all
        routes += CurrencyRoutes.all
        routes += BadgeRoutes.all
        routes += BoostRoutes.all
        routes += TierRoutes.all
        routes += RuleRoutes.all
        routes += SimulationRoutes.all
        routes += EventRoutes.all
        routes += EventBatchRoutes.all
        routes += BalanceRoutes.all
        routes += TransferRoutes.all
        routes += ReversalRoutes.all
        routes += AdjustmentRoutes.all
        routes += RewardRoutes.all
        routes += RedemptionRoutes.all
        routes += LedgerRoutes.all
        routes += AuditRoutes.all
        routes += JobRoutes.all
        routes += LeaderboardRoutes.all
        routes += FeedRoutes.all
        routes += GoalRoutes.all
        routes += NotificationRoutes.all
        routes += MessageTemplateRoutes.all
        routes += QuestRoutes.all
        routes += WebhookRoutes.all
        routes += ScorecardRoutes.all
        routes += InteractionRoutes.all
        routes += DisputeRoutes.all
        routes += HealthRoutes.all
        routes += AnalyticsRoutes.all
        var router = Router<RouteSpec>()
        for route in routes { router.add(route.method, route.pattern, route) }
        self.routes = routes
        self.router = router
        document.set(JSONWriter.bytes(OpenAPIDocument.build(routes: routes, version: environment.version)))
    }

    /// Every registered method and pattern, for the OpenAPI completeness check.
    public var registeredRoutes: [(method: String, pattern: String)] { router.registeredRoutes }

    public func respond(to request: HTTPRequest, reply: HTTPReply) {
        let startNs = DispatchTime.now().uptimeNanoseconds
        let requestID = RequestID.make(incoming: request.headers["X-Request-Id"])
        let environment = self.environment
        let finish: @Sendable (String, Principal?, HTTPResponse) -> Void = { route, principal, answer in
            var response = answer
            response.headers.add("X-Request-Id", requestID)
            let durationNs = DispatchTime.now().uptimeNanoseconds - startNs
            environment.metrics.recordRequest(route: route, method: request.method, status: response.status, durationNs: durationNs)
            environment.logger.info("request", [
                ("request_id", .string(requestID)), ("method", .string(request.method)), ("path", .string(request.path)),
                ("route", .string(route)), ("status", .int(Int64(response.status))),
                ("duration_us", .int(Int64(durationNs / 1000))), ("key_id", .optional(principal?.keyID)),
                ("remote", .string(request.remoteAddress)),
            ])
            reply(response)
        }

        switch router.match(method: request.method, path: request.path) {
        case .notFound:
            finish("unmatched", nil, Problem(status: 404, title: "Not found", detail: "No route for \(request.path).").response)
        case .methodNotAllowed(let allowed):
            var problem = Problem(status: 405, title: "Method not allowed", detail: "\(request.path) accepts \(allowed.joined(separator: ", ")).")
            problem.headers = [("Allow", allowed.joined(separator: ", "))]
            finish("unmatched", nil, problem.response)
        case .found(let route, let parameters, let pattern):
            dispatch(route, parameters: parameters, request: request, requestID: requestID) { principal, response in
                finish(pattern, principal, response)
            }
        }
    }

    private func dispatch(
        _ route: RouteSpec, parameters: [String: String], request: HTTPRequest, requestID: String,
        finish: @escaping @Sendable (Principal?, HTTPResponse) -> Void
    ) {
        var principal: Principal?
        if route.access != .open {
            let key: APIKey
            switch environment.authenticator.authenticate(authorization: request.headers["Authorization"]) {
            case .failure(let problem): return finish(nil, problem.response)
            case .success(let found): key = found
            }
            principal = key.principal
            if let retryAfter = rateLimiter.acquire(for: key) {
                environment.metrics.recordRateLimited()
                var problem = Problem(status: 429, title: "Too many requests", detail: "This key's rate limit is exhausted; retry after \(retryAfter) s.")
                problem.headers = [("Retry-After", String(retryAfter))]
                return finish(principal, problem.response)
            }
            if route.access == .admin && key.role != .admin {
                return finish(principal, Problem(status: 403, title: "Forbidden", detail: "This route needs an admin key.").response)
            }
            if route.access == .readAll && key.role == .partner {
                return finish(principal, Problem(status: 403, title: "Forbidden", detail: "Partner keys see only their own organization.").response)
            }
        }
        let query: QueryParameters
        do {
            query = try QueryParameters(request.query, allowed: route.query)
        } catch {
            return finish(principal, Problem.from(error).response)
        }
        var claim: IdempotencyGate.Claim?
        if case .byHeader(let redacting) = route.idempotency, let principal, let key = request.headers["Idempotency-Key"] {
            switch idempotency.begin(request: request, key: key, principal: principal, redacting: redacting, store: environment.store) {
            case .answer(let response): return finish(principal, response)
            case .proceed(let granted): claim = granted
            }
        }
        let context = RequestContext(
            request: request, parameters: parameters, principal: principal, requestID: requestID,
            environment: environment, idempotencyClaim: claim)
        let gate = idempotency
        let caller = principal
        let held = claim
        route.handle(context, query) { response in
            if let held { gate.finish(held) }
            finish(caller, response)
        }
    }
}

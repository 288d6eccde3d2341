import Testing
import Engine
import HTTP
@testable import API

private func key(_ id: String, role: KeyRole, rateLimit: RateLimit? = nil) -> APIKey {
    APIKey(id: id, name: id, role: role, organizationID: role == .partner ? "acme" : nil, secretHash: [], rateLimit: rateLimit,
           createdAt: Timestamp(millisecondsSinceEpoch: 0), createdBy: nil)
}

private let second: UInt64 = 1_000_000_000

struct RateLimiterTests {
    @Test func aFullBucketAllowsTheBurstThenRefuses() {
        let limiter = RateLimiter(policy: RateLimitPolicy(byRole: [.partner: RateLimit(perSecond: 2, burst: 4)]))
        let partner = key("p", role: .partner)
        let t0: UInt64 = 10 * second
        for _ in 0..<4 { #expect(limiter.acquire(for: partner, nowNs: t0) == nil) }
        let retry = limiter.acquire(for: partner, nowNs: t0)
        #expect(retry != nil && retry! >= 1)
    }

    @Test func tokensRefillAtTheRate() {
        let limiter = RateLimiter(policy: RateLimitPolicy(byRole: [.partner: RateLimit(perSecond: 2, burst: 4)]))
        let partner = key("p", role: .partner)
        let t0: UInt64 = 10 * second
        for _ in 0..<4 { _ = limiter.acquire(for: partner, nowNs: t0) }
        #expect(limiter.acquire(for: partner, nowNs: t0 + second / 4) != nil)  // half a token
        #expect(limiter.acquire(for: partner, nowNs: t0 + second / 2) == nil)  // one token
        #expect(limiter.acquire(for: partner, nowNs: t0 + second / 2) != nil)
        // A long pause refills to the burst, never beyond.
        let later = t0 + 100 * second
        for _ in 0..<4 { #expect(limiter.acquire(for: partner, nowNs: later) == nil) }
        #expect(limiter.acquire(for: partner, nowNs: later) != nil)
    }

    @Test func retryAfterIsAtLeastOneSecondAndCoversTheWait() {
        let limiter = RateLimiter(policy: RateLimitPolicy(byRole: [.partner: RateLimit(perSecond: 1, burst: 1)]))
        let partner = key("p", role: .partner)
        #expect(limiter.acquire(for: partner, nowNs: second) == nil)
        #expect(limiter.acquire(for: partner, nowNs: second) == 1)
        #expect(limiter.acquire(for: partner, nowNs: second + second / 10) == 1)
        #expect(limiter.acquire(for: partner, nowNs: 2 * second + second / 10) == nil)
    }

    @Test func rolesWithoutALimitAreUnlimited() {
        let limiter = RateLimiter(policy: RateLimitPolicy())
        let integration = key("i", role: .integration)
        let viewer = key("v", role: .viewer)
        for _ in 0..<1_000 {
            #expect(limiter.acquire(for: integration, nowNs: second) == nil)
            #expect(limiter.acquire(for: viewer, nowNs: second) == nil)
        }
    }

    @Test func aKeysOwnLimitOverridesItsRole() {
        let limiter = RateLimiter(policy: RateLimitPolicy())
        let limitedViewer = key("v", role: .viewer, rateLimit: RateLimit(perSecond: 1, burst: 2))
        #expect(limiter.acquire(for: limitedViewer, nowNs: second) == nil)
        #expect(limiter.acquire(for: limitedViewer, nowNs: second) == nil)
        #expect(limiter.acquire(for: limitedViewer, nowNs: second) != nil)
        let generousPartner = key("p", role: .partner, rateLimit: RateLimit(perSecond: 1_000, burst: 1_000))
        for _ in 0..<100 { #expect(limiter.acquire(for: generousPartner, nowNs: second) == nil) }
    }

    @Test func bucketsAreKeptPerKey() {
        let limiter = RateLimiter(policy: RateLimitPolicy(byRole: [.partner: RateLimit(perSecond: 1, burst: 1)]))
        #expect(limiter.acquire(for: key("p1", role: .partner), nowNs: second) == nil)
        #expect(limiter.acquire(for: key("p2", role: .partner), nowNs: second) == nil)
        #expect(limiter.acquire(for: key("p1", role: .partner), nowNs: second) != nil)
    }

    @Test func theResponderAnswers429WithRetryAfter() throws {
        let api = try APIHarness(rateLimits: RateLimitPolicy(byRole: [.partner: RateLimit(perSecond: 1, burst: 1)]))
        #expect(api.send("GET", "/v1/organizations", key: api.partnerSecret).status == 200)
        let refused = api.send("GET", "/v1/organizations", key: api.partnerSecret)
        #expect(refused.status == 429)
        #expect(Int(refused.headers["Retry-After"] ?? "") ?? 0 >= 1)
        #expect(api.send("GET", "/v1/organizations", key: api.viewerSecret).status == 200)
    }
}

struct AuthenticatorTests {
    @Test func aCachedKeyStaysValidUntilEvicted() throws {
        let store = InMemoryStore()
        let context = ChangeContext(principal: nil, at: Timestamp(millisecondsSinceEpoch: 0), requestID: nil)
        let created = try store.writeAndWait { try KeyCommands.create(KeyDraft(name: "v", role: .viewer), context: context, in: $0) }
        let authenticator = Authenticator(store: store, cacheTTLMs: 60_000)
        #expect((try? authenticator.authenticate(authorization: "Bearer \(created.secret)").get())?.id == created.key.id)
        // Revoked behind the cache's back (as by the CLI): still served from the cache within the TTL...
        try store.writeAndWait { try $0.revokeKey(id: created.key.id, at: Timestamp(millisecondsSinceEpoch: 1)) }
        #expect((try? authenticator.authenticate(authorization: "Bearer \(created.secret)").get()) != nil)
        // ...until evicted, when the store is read again.
        authenticator.evict(keyID: created.key.id)
        guard case .failure(let problem) = authenticator.authenticate(authorization: "Bearer \(created.secret)") else {
            Issue.record("a revoked key authenticated after eviction")
            return
        }
        #expect(problem.status == 401)
    }

    @Test func aZeroTTLReadsTheStoreEveryTime() throws {
        let store = InMemoryStore()
        let context = ChangeContext(principal: nil, at: Timestamp(millisecondsSinceEpoch: 0), requestID: nil)
        let created = try store.writeAndWait { try KeyCommands.create(KeyDraft(name: "v", role: .viewer), context: context, in: $0) }
        let authenticator = Authenticator(store: store, cacheTTLMs: 0)
        #expect((try? authenticator.authenticate(authorization: "Bearer \(created.secret)").get()) != nil)
        try store.writeAndWait { try $0.revokeKey(id: created.key.id, at: Timestamp(millisecondsSinceEpoch: 1)) }
        #expect((try? authenticator.authenticate(authorization: "Bearer \(created.secret)").get()) == nil)
    }

    @Test func aCachedKeyStillChecksTheSecret() throws {
        let store = InMemoryStore()
        let context = ChangeContext(principal: nil, at: Timestamp(millisecondsSinceEpoch: 0), requestID: nil)
        let created = try store.writeAndWait { try KeyCommands.create(KeyDraft(name: "v", role: .viewer), context: context, in: $0) }
        let authenticator = Authenticator(store: store, cacheTTLMs: 60_000)
        _ = authenticator.authenticate(authorization: "Bearer \(created.secret)")
        #expect((try? authenticator.authenticate(authorization: "Bearer lrl_\(created.key.id)_forged").get()) == nil)
    }

    @Test func bearerTokensAreReadCaseInsensitivelyAndTrimmed() {
        #expect(Authenticator.bearerToken("Bearer abc") == "abc")
        #expect(Authenticator.bearerToken("bearer   abc  ") == "abc")
        #expect(Authenticator.bearerToken("Basic abc") == nil)
        #expect(Authenticator.bearerToken("Bearer") == nil)
        #expect(Authenticator.bearerToken("Bearer    ") == nil)
    }
}

struct CursorTests {
    @Test(arguments: ["", "a", "ab", "abc", "org-07", "user@example.com:42", "é東😀", "9223372036854775807", String(repeating: "k", count: 128)])
    func encodedCursorsDecodeToTheirKey(_ key: String) {
        let cursor = Cursor.encode(key)
        #expect(Cursor.decode(cursor) == key)
        #expect(cursor.utf8.allSatisfy { $0.isBase64URL })
    }

    @Test(arguments: ["", "!!!", "abc", "YWJj", "c1", "a b", "Yz", "=", String(repeating: "A", count: 1025)])
    func garbageIsRefused(_ text: String) {
        #expect(Cursor.decode(text) == nil)
    }

    @Test func aCursorWithoutTheVersionTagIsRefused() {
        // "c2:x" base64url-encoded: the right shape, the wrong version.
        #expect(Cursor.decode("YzI6eA") == nil)
        #expect(Cursor.decode(Cursor.encode("x")) == "x")
    }
}

extension UInt8 {
    fileprivate var isBase64URL: Bool {
        (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) || (0x30...0x39).contains(self) || self == 0x2D || self == 0x5F
    }
}

struct MetricsTests {
    private func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test func countersAreRenderedPerRouteMethodAndStatus() {
        let metrics = Metrics()
        metrics.recordRequest(route: "/v1/members/{id}", method: "GET", status: 200, durationNs: 300_000)
        metrics.recordRequest(route: "/v1/members/{id}", method: "GET", status: 200, durationNs: 300_000)
        metrics.recordRequest(route: "/v1/members/{id}", method: "GET", status: 404, durationNs: 300_000)
        metrics.recordRateLimited()
        let text = metrics.render(gauges: [("laurel_db_size_bytes", "Size.", 4096)])
        #expect(value(text, #"laurel_http_requests_total{route="/v1/members/{id}",method="GET",status="200"}"#) == 2)
        #expect(value(text, #"laurel_http_requests_total{route="/v1/members/{id}",method="GET",status="404"}"#) == 1)
        #expect(value(text, "laurel_rate_limited_total") == 1)
        #expect(value(text, "laurel_db_size_bytes") == 4096)
        #expect(text.contains("# TYPE laurel_http_requests_total counter"))
        #expect(text.contains("# TYPE laurel_db_size_bytes gauge"))
    }

    @Test func histogramBucketsAreCumulativeAndInfEqualsCount() {
        let metrics = Metrics()
        let durationsNs: [UInt64] = [50_000, 200_000, 200_000, 3_000_000, 20_000_000_000]
        for duration in durationsNs { metrics.recordRequest(route: "/healthz", method: "GET", status: 200, durationNs: duration) }
        let text = metrics.render(gauges: [])
        let prefix = #"laurel_http_request_duration_seconds_bucket{route="/healthz",le=""#
        let buckets = text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { line -> (String, Double) in
            let rest = line.dropFirst(prefix.count)
            let bound = String(rest.prefix { $0 != "\"" })
            return (bound, Double(rest.split(separator: " ").last!)!)
        }
        #expect(buckets.count == Metrics.latencyBucketsSeconds.count + 1)
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.1 <= $1.1 })
        #expect(buckets.first { $0.0 == "0.0001" }?.1 == 1)
        #expect(buckets.first { $0.0 == "0.00025" }?.1 == 3)
        #expect(buckets.first { $0.0 == "0.005" }?.1 == 4)
        #expect(buckets.first { $0.0 == "5" }?.1 == 4)
        #expect(buckets.last?.0 == "+Inf")
        #expect(buckets.last?.1 == 5)
        #expect(value(text, #"laurel_http_request_duration_seconds_count{route="/healthz"}"#) == 5)
        let sum = value(text, #"laurel_http_request_duration_seconds_sum{route="/healthz"}"#) ?? 0
        #expect(abs(sum - 20.00345) < 1e-9)
    }

    @Test func commitHistogramsRecordBatches() {
        let metrics = Metrics()
        metrics.recordCommit(batchSize: 3, durationNs: 1_000_000)
        metrics.recordCommit(batchSize: 600, durationNs: 1_000_000)
        let text = metrics.render(gauges: [])
        #expect(value(text, #"laurel_db_commit_batch_size_bucket{le="4"}"#) == 1)
        #expect(value(text, #"laurel_db_commit_batch_size_bucket{le="1024"}"#) == 2)
        #expect(value(text, #"laurel_db_commit_batch_size_bucket{le="+Inf"}"#) == 2)
        #expect(value(text, "laurel_db_commit_batch_size_count") == 2)
    }

    @Test func theResponderCountsWhatItAnswers() throws {
        let api = try APIHarness()
        _ = api.send("GET", "/healthz")
        _ = api.send("GET", "/nowhere")
        let text = String(decoding: api.send("GET", "/metrics").body, as: UTF8.self)
        #expect(value(text, #"laurel_http_requests_total{route="/healthz",method="GET",status="200"}"#) == 1)
        #expect(value(text, #"laurel_http_requests_total{route="unmatched",method="GET",status="404"}"#) == 1)
    }
}

struct OpenAPITests {
    @Test func theDocumentListsEveryRegisteredRouteWithItsMethod() throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/openapi.json")
        #expect(response.status == 200)
        let document = try #require(response.object)
        #expect(document["openapi"] == "3.1.0")
        let paths = try #require(document["paths"]?.objectValue)
        let registered = api.api.registeredRoutes
        #expect(registered.count >= 15)
        for route in registered {
            let operation = paths[route.pattern]?.objectValue?[route.method.lowercased()]?.objectValue
            #expect(operation != nil, "\(route.method) \(route.pattern) is missing from the OpenAPI document")
            #expect(operation?["responses"]?.objectValue?.isEmpty == false, "\(route.method) \(route.pattern) has no responses")
        }
        let documented = paths.entries.reduce(0) { $0 + ($1.value.objectValue?.count ?? 0) }
        #expect(documented == registered.count, "the document has operations the router does not serve")
    }

    @Test func everyReferencedSchemaExists() throws {
        let api = try APIHarness()
        let text = String(decoding: api.send("GET", "/v1/openapi.json").body, as: UTF8.self)
        let document = try #require(try JSONParser.parse(text).objectValue)
        let schemas = Set(document["components"]?.objectValue?["schemas"]?.objectValue?.keys ?? [])
        let prefix = "#/components/schemas/"
        var references: Set<String> = []
        var rest = Substring(text)
        while let range = rest.range(of: prefix) {
            rest = rest[range.upperBound...]
            references.insert(String(rest.prefix { $0 != "\"" }))
        }
        #expect(!references.isEmpty)
        #expect(references.subtracting(schemas).isEmpty, "missing schemas: \(references.subtracting(schemas).sorted())")
    }

    @Test func operationIDsAreUnique() throws {
        let api = try APIHarness()
        let paths = try #require(api.send("GET", "/v1/openapi.json").object?["paths"]?.objectValue)
        let ids = paths.entries.flatMap { $0.value.objectValue?.entries.compactMap { $0.value.objectValue?["operationId"]?.stringValue } ?? [] }
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == api.api.registeredRoutes.count)
    }
}

import Foundation
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    @Test func aPartnerKeyOverItsOwnLimitGets429WithRetryAfter() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        #expect(try admin.organization("acme").status == 201)
        let key = try admin.createKey(["role": "partner", "organization_id": "acme", "rate_limit": ["per_second": 1, "burst": 2]])
        let partner = server.client(key: key.secret)
        let statuses = try (0..<3).map { _ in try partner.get("/v1/organizations/acme") }
        #expect(statuses[0].status == 200)
        #expect(statuses[1].status == 200)
        let limited = statuses[2]
        #expect(limited.status == 429)
        #expect(limited.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let retryAfter = try #require(limited.header("Retry-After").flatMap(Int.init))
        #expect(retryAfter >= 1 && retryAfter <= 2)
        #expect(try admin.get("/v1/organizations/acme").status == 200, "other keys are not affected")
        let metrics = try RawHTTP.request(port: server.port, "GET", "/metrics").text
        #expect(metrics.contains("429"))
    }

    @Test func partnerKeysAreLimitedByDefaultAndIntegrationKeysNever() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        #expect(try admin.organization("acme").status == 201)
        let integration = server.client(key: try admin.createKey(["role": "integration"]).secret)
        let integrationStatuses = try (0..<100).map { _ in try integration.get("/v1/organizations/acme").status }
        #expect(integrationStatuses.allSatisfy { $0 == 200 })
        let partner = server.client(key: try admin.createKey(["role": "partner", "organization_id": "acme"]).secret)
        // Default partner bucket: burst 40, 20/s: 150 requests overrun it unless they take over 5.5 s.
        let partnerStatuses = try (0..<150).map { _ in try partner.get("/v1/organizations/acme").status }
        #expect(partnerStatuses.prefix(30).allSatisfy { $0 == 200 })
        #expect(partnerStatuses.contains(429))
        #expect(Set(partnerStatuses).isSubset(of: [200, 429]))
    }
}

import Foundation
import Testing

/// A partner key sees its own organization and nothing else: other organizations' data is
/// reported as missing (404, never 403), on every route the OpenAPI document lists.
@Suite("Partner isolation")
struct PartnerIsolationTests {
    /// Two organizations with members and a partner key for each.
    struct World {
        let server: LaurelProcess
        let admin: APIClient
        let partnerA: APIClient
        let partnerBKeyID: String

        init() throws {
            server = try LaurelProcess()
            admin = server.client()
            for org in ["org-a", "org-b"] { guard try admin.organization(org).status == 201 else { throw RawHTTPError(description: "setup") } }
            for (member, org) in [("a-1", "org-a"), ("a-2", "org-a"), ("b-1", "org-b"), ("b-2", "org-b")] {
                guard try admin.member(member, organization: org, team: "t").status == 201 else { throw RawHTTPError(description: "setup") }
            }
            // Probing every route is more requests than the default partner burst; isolation, not rate limiting, is under test.
            partnerA = server.client(key: try admin.createKey([
                "role": "partner", "organization_id": "org-a", "rate_limit": ["per_second": 1_000, "burst": 1_000],
            ]).secret)
            partnerBKeyID = try admin.createKey(["role": "partner", "organization_id": "org-b"]).id
        }
    }

    static let bIdentifiers = ["org-b", "b-1", "b-2"]

    @Test func everyRouteHidesTheOtherOrganization() throws {
        let world = try World()
        let document = try RawHTTP.request(port: world.server.port, "GET", "/v1/openapi.json").json
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var probed = 0
        for (pattern, operations) in paths.sorted(by: { $0.key < $1.key }) {
            for method in operations.keys.map({ $0.uppercased() }).sorted() where ["GET", "PUT", "POST", "DELETE", "PATCH"].contains(method) {
                let operation = operations[method.lowercased()] as? [String: Any] ?? [:]
                let path = Self.substituteB(pattern, keyID: world.partnerBKeyID)
                // The key's own rate limit is generous: there are more routes than the default partner burst.
                let response = try world.partnerA.request(method, path, json: Self.body(method: method, pattern: pattern))
                probed += 1
                let label = "\(method) \(path) → \(response.status) \(response.text.prefix(200))"
                let access = operation["x-laurel-access"] as? String
                #expect(["open", "any_key", "read_all", "admin"].contains(access), "\(method) \(pattern) states who may call it")
                let isAdminRoute = access == "admin" || access == "read_all"
                let isOpen = access == "open"
                if isAdminRoute {
                    #expect(response.status == 403, "\(label)")
                } else if pattern.contains("{") {
                    #expect(response.status == 404, "\(label)")
                } else if !isOpen {
                    #expect(response.status != 403, "\(label)")
                }
                if (200..<300).contains(response.status) && !isOpen {
                    for id in Self.bIdentifiers { #expect(!response.text.contains("\"\(id)\""), "\(label) leaks \(id)") }
                }
            }
        }
        #expect(probed >= 16, "the document lists every route")
        // Nothing of B changed.
        #expect(try world.admin.get("/v1/members/b-1").json["organization_id"] as? String == "org-b")
        #expect(try world.admin.get("/v1/organizations/org-b").json["name"] as? String == "Org org-b")
        #expect(try world.admin.get("/v1/organizations/org-b/members").items.count == 2)
    }

    @Test func listsShowOnlyTheOwnOrganization() throws {
        let world = try World()
        let api = world.partnerA
        #expect(try api.get("/v1/organizations").items.compactMap { $0["id"] as? String } == ["org-a"])
        #expect(try api.get("/v1/members").items.compactMap { $0["id"] as? String } == ["a-1", "a-2"])
        #expect(try api.get("/v1/members?team=t").items.compactMap { $0["id"] as? String } == ["a-1", "a-2"])
        let filteredToB = try api.get("/v1/members?organization_id=org-b")
        #expect(filteredToB.status == 404 || filteredToB.items.isEmpty)
        #expect(!filteredToB.text.contains("b-1"))
        #expect(try api.get("/v1/organizations/org-a/members").items.count == 2)
        #expect(try api.get("/v1/organizations/org-a").status == 200)
        #expect(try api.get("/v1/members/a-1").status == 200)
        #expect(try api.get("/v1/members/a-1/boosts").status == 200)
        #expect(try api.get("/v1/members/b-1/boosts").status == 404)
    }

    @Test func partnerManagesOwnMembersButCannotReachIntoB() throws {
        let world = try World()
        let api = world.partnerA
        #expect(try api.member("a-3", organization: "org-a").status == 201)
        #expect(try api.member("a-3", organization: "org-a", role: "manager").status == 200)
        #expect(try api.delete("/v1/members/a-3").status == 204)
        #expect(try api.member("a-1", organization: "org-b").status == 422, "cannot move a member to B")
        #expect(try api.member("a-new", organization: "org-b").status == 422, "cannot create a member in B")
        #expect(try api.member("b-1", organization: "org-a").status == 404, "cannot take B's member")
        #expect(try api.delete("/v1/members/b-1").status == 404)
        #expect(try api.organization("org-a").status == 403, "may not change its own organization")
        #expect(try api.delete("/v1/organizations/org-a").status == 403)
        #expect(try api.organization("org-new").status == 404)
        #expect(try api.get("/v1/keys").status == 403)
        #expect(try api.post("/v1/keys", ["role": "admin"]).status == 403)
        #expect(try world.admin.get("/v1/members/a-1").json["organization_id"] as? String == "org-a")
        #expect(try world.admin.get("/v1/members/b-1").json["organization_id"] as? String == "org-b")
        #expect(try world.admin.get("/v1/members/a-new").status == 404)
    }

    static func substituteB(_ pattern: String, keyID: String) -> String {
        var path = pattern
        if pattern.hasPrefix("/v1/members/") { path = path.replacingOccurrences(of: "{id}", with: "b-1") }
        if pattern.hasPrefix("/v1/organizations/") { path = path.replacingOccurrences(of: "{id}", with: "org-b") }
        if pattern.hasPrefix("/v1/keys/") { path = path.replacingOccurrences(of: "{id}", with: keyID) }
        return path.replacingOccurrences(of: "{id}", with: "b-1")
    }

    /// A valid body for each write, aimed at B where it names an organization.
    static func body(method: String, pattern: String) -> Any? {
        switch (method, pattern) {
        case ("PUT", let p) where p.hasPrefix("/v1/organizations"): return ["name": "Taken over", "kind": "partner"]
        case ("PUT", let p) where p.hasPrefix("/v1/members"): return ["organization_id": "org-a", "role": "sales"]
        case ("POST", let p) where p.hasPrefix("/v1/keys"): return ["role": "partner", "organization_id": "org-b"]
        case ("POST", let p) where p.hasSuffix("/enrollments"): return ["member_id": "b-1"]
        case ("POST", _), ("PUT", _), ("PATCH", _): return [String: Any]()
        default: return nil
        }
    }
}

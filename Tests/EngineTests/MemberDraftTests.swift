import Testing
import Engine

struct MemberDraftTests {
    @Test func acceptsAFullDocument() throws {
        let body = try JSONParser.parse(#"""
            {"id": "m-1", "organization_id": "acme", "name": "Ada", "role": "sales", "team": "North",
             "attributes": {"level": 3}, "status": "archived", "public_profile": false}
            """#)
        let draft = try MemberDraft.parse(body, id: "m-1")
        #expect(draft.organizationID == "acme")
        #expect(draft.name == "Ada")
        #expect(draft.role == "sales")
        #expect(draft.team == "North")
        #expect(draft.attributes["level"] == .int(3))
        #expect(draft.status == .archived)
        #expect(draft.publicProfile == false)
    }

    @Test func defaultsOptionalFields() throws {
        let draft = try MemberDraft.parse(["organization_id": "acme", "role": "sales"], id: "m-1")
        #expect(draft.name == nil)
        #expect(draft.team == nil)
        #expect(draft.status == .active)
        #expect(draft.publicProfile == true)
    }

    @Test func reportsEveryProblemWithItsPathAtOnce() {
        let found = paths {
            _ = try MemberDraft.parse(["id": "m-2", "organization_id": ".x", "public_profile": "yes", "status": "gone", "extra": 1], id: "m-1")
        }
        #expect(found == ["$.extra", "$.id", "$.organization_id", "$.role", "$.status", "$.public_profile"])
    }

    @Test func refusesMoreThanHundredAttributes() throws {
        _ = try MemberDraft.parse(["organization_id": "a", "role": "r", "attributes": object(100)], id: "m")
        #expect(paths { _ = try MemberDraft.parse(["organization_id": "a", "role": "r", "attributes": object(101)], id: "m") } == ["$.attributes"])
    }

    @Test func teamIsLimitedTo128Characters() throws {
        _ = try MemberDraft.parse(["organization_id": "a", "role": "r", "team": .string(String(repeating: "t", count: 128))], id: "m")
        #expect(paths {
            _ = try MemberDraft.parse(["organization_id": "a", "role": "r", "team": .string(String(repeating: "t", count: 129))], id: "m")
        } == ["$.team"])
    }
}

struct KeyDraftTests {
    @Test func namesTheKeyAfterItsRoleByDefault() throws {
        let draft = try KeyDraft.parse(["role": "viewer"])
        #expect(draft == KeyDraft(name: "viewer key", role: .viewer))
    }

    @Test func acceptsAPartnerKeyWithItsOrganization() throws {
        let draft = try KeyDraft.parse(["role": "partner", "organization_id": "acme", "name": "Acme portal"])
        #expect(draft == KeyDraft(name: "Acme portal", role: .partner, organizationID: "acme"))
    }

    @Test func partnerKeyNeedsAnOrganization() {
        #expect(paths { _ = try KeyDraft.parse(["role": "partner"]) } == ["$.organization_id"])
    }

    @Test func partnerKeyWithNullOrganizationIsRefused() {
        #expect(paths { _ = try KeyDraft.parse(["role": "partner", "organization_id": nil]) } == ["$.organization_id"])
    }

    @Test(arguments: ["admin", "integration", "viewer"])
    func nonPartnerKeyWithAnOrganizationIsRefused(_ role: String) {
        #expect(paths { _ = try KeyDraft.parse(["role": .string(role), "organization_id": "acme"]) } == ["$.organization_id"])
    }

    @Test func nullOrganizationOnANonPartnerKeyMeansNone() throws {
        #expect(try KeyDraft.parse(["role": "viewer", "organization_id": nil]).organizationID == nil)
    }

    @Test func roleIsRequiredAndMustBeKnown() {
        #expect(paths { _ = try KeyDraft.parse(["name": "x"]) } == ["$.role"])
        #expect(paths { _ = try KeyDraft.parse(["role": "root"]) } == ["$.role"])
    }

    @Test func rateLimitBurstDefaultsToTwiceTheRate() throws {
        #expect(try KeyDraft.parse(["role": "viewer", "rate_limit": ["per_second": 5]]).rateLimit == RateLimit(perSecond: 5, burst: 10))
        #expect(try KeyDraft.parse(["role": "viewer", "rate_limit": ["per_second": 5, "burst": 7]]).rateLimit
            == RateLimit(perSecond: 5, burst: 7))
    }

    @Test func rateLimitIsValidatedWithNestedPaths() {
        #expect(paths { _ = try KeyDraft.parse(["role": "viewer", "rate_limit": ["per_second": 0]]) } == ["$.rate_limit.per_second"])
        #expect(paths { _ = try KeyDraft.parse(["role": "viewer", "rate_limit": ["per_second": 1_000_001]]) } == ["$.rate_limit.per_second"])
        #expect(paths { _ = try KeyDraft.parse(["role": "viewer", "rate_limit": ["burst": 3]]) } == ["$.rate_limit.per_second"])
        #expect(paths { _ = try KeyDraft.parse(["role": "viewer", "rate_limit": ["per_second": 1.5]]) } == ["$.rate_limit.per_second"])
        #expect(paths { _ = try KeyDraft.parse(["role": "viewer", "rate_limit": ["per_second": 1, "burst": 0, "x": 1]]) }
            == ["$.rate_limit.x", "$.rate_limit.burst"])
        #expect(paths { _ = try KeyDraft.parse(["role": "viewer", "rate_limit": 10]) } == ["$.rate_limit"])
    }

    @Test func unknownFieldsAreReported() {
        #expect(paths { _ = try KeyDraft.parse(["role": "viewer", "secret": "mine"]) } == ["$.secret"])
    }
}

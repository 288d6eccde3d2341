import Foundation
import Testing

/// Tier criteria that read attributes or count a badge's members are re-evaluated when the
/// directory changes them (PUT of the organization or member), not only at the next award.
@Suite("Tier attributes")
struct TierAttributeTests {
    static func level(_ admin: APIClient, _ path: String) throws -> String? {
        (try admin.get(path).json["tiers"] as? [[String: Any]])?.first?["level"] as? String
    }

    @Test func anOrganizationsAttributeChangeUpgradesItAtOnce() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        try admin.configure([
            ("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false]),
            ("/v1/tier-ladders/suppliers", [
                "subject": "organization", "currency": "status_credits", "window": "lifetime",
                "levels": [["id": "registered", "threshold": 0], ["id": "preferred", "criteria": [["attribute": "supplier_score", "min": 80]]]],
            ]),
        ])
        #expect(try admin.put("/v1/organizations/acme", ["name": "Acme", "kind": "partner", "attributes": ["supplier_score": 70]]).status == 201)
        #expect(try Self.level(admin, "/v1/organizations/acme/tier") == "registered")
        #expect(try admin.put("/v1/organizations/acme", ["name": "Acme", "kind": "partner", "attributes": ["supplier_score": 85]]).status == 200)
        #expect(try Self.level(admin, "/v1/organizations/acme/tier") == "preferred")
    }

    @Test func aMembersAttributeChangeUpgradesThemAtOnce() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        try admin.configure([
            ("/v1/currencies/points", ["name": "Points"]),
            ("/v1/tier-ladders/experts", [
                "subject": "member", "currency": "points", "window": "lifetime",
                "levels": [["id": "member", "threshold": 0], ["id": "expert", "criteria": [["attribute": "certifications", "min": 3]]]],
            ]),
        ])
        #expect(try admin.organization("acme").status == 201)
        let body: [String: Any] = ["organization_id": "acme", "role": "sales", "name": "Ann", "attributes": ["certifications": 3]]
        #expect(try admin.put("/v1/members/ann", body).status == 201)
        #expect(try Self.level(admin, "/v1/members/ann/tier") == "expert")
    }

    @Test func aMemberMovingWithABadgeCountsForTheNewOrganizationAtOnce() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        try admin.configure([
            ("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false]),
            ("/v1/badges/certified", ["name": "Certified"]),
            ("/v1/tier-ladders/partners", [
                "subject": "organization", "currency": "status_credits", "window": "lifetime",
                "levels": [["id": "registered", "threshold": 0], ["id": "certified", "criteria": [["members_with_badge": "certified", "min": 1]]]],
            ]),
            ("/v1/rules/quiz", ["name": "Quiz", "on": "quiz.passed", "then": [["badge": "certified"]]]),
        ])
        #expect(try admin.organization("acme").status == 201 && admin.organization("globex").status == 201)
        #expect(try admin.member("ann", organization: "acme").status == 201)
        #expect(try admin.post("/v1/events", ["id": "q-1", "type": "quiz.passed", "member_id": "ann"]).status == 201)
        #expect(try Self.level(admin, "/v1/organizations/acme/tier") == "certified")
        #expect(try Self.level(admin, "/v1/organizations/globex/tier") == "registered")
        #expect(try admin.member("ann", organization: "globex").status == 200)
        #expect(try Self.level(admin, "/v1/organizations/globex/tier") == "certified")
    }
}

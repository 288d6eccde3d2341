import Foundation
import Testing

/// The README walk-through against the real binary: keys, organizations, members, lists, moves,
/// audit, deletes.
@Suite("Walk-through")
struct WalkthroughTests {
    @Test func integrationKeyManagesOrganizationsAndMembersEndToEnd() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let integrationKey = try admin.createKey(["role": "integration", "name": "portal"])
        let api = server.client(key: integrationKey.secret)

        // Organizations: created (201), read back, replaced (200).
        let acme = try api.put("/v1/organizations/acme", ["name": "Acme", "kind": "partner", "segments": ["emea"], "attributes": ["size": 40]])
        #expect(acme.status == 201)
        #expect(acme.header("Location") == "/v1/organizations/acme")
        #expect(try api.put("/v1/organizations/globex", ["name": "Globex", "kind": "customer"]).status == 201)
        let readAcme = try api.get("/v1/organizations/acme")
        #expect(readAcme.status == 200)
        #expect(readAcme.json["name"] as? String == "Acme")
        #expect(readAcme.json["segments"] as? [String] == ["emea"])
        #expect(try api.put("/v1/organizations/acme", ["name": "Acme Inc", "kind": "partner", "segments": ["emea"]]).status == 200)
        #expect(try api.get("/v1/organizations/acme").json["name"] as? String == "Acme Inc")

        // Members.
        let ann = try api.put("/v1/members/ann", ["organization_id": "acme", "role": "sales", "name": "Ann", "team": "north"])
        #expect(ann.status == 201)
        // The creation answer shows the same history a read does.
        #expect((ann.json["organization_history"] as? [[String: Any]])?.first?["organization_id"] as? String == "acme")
        #expect(try api.member("bob", organization: "acme", role: "engineer").status == 201)
        let readAnn = try api.get("/v1/members/ann")
        #expect(readAnn.status == 200)
        #expect(readAnn.json["team"] as? String == "north")
        #expect((readAnn.json["organization_history"] as? [[String: Any]])?.count == 1)

        // Lists with filters.
        #expect(try api.get("/v1/organizations?kind=customer").items.compactMap { $0["id"] as? String } == ["globex"])
        #expect(try api.get("/v1/organizations?segment=emea").items.compactMap { $0["id"] as? String } == ["acme"])
        #expect(try api.get("/v1/members?role=engineer").items.compactMap { $0["id"] as? String } == ["bob"])
        #expect(try api.get("/v1/members?team=north").items.compactMap { $0["id"] as? String } == ["ann"])
        #expect(try api.get("/v1/organizations/acme/members").items.compactMap { $0["id"] as? String } == ["ann", "bob"])

        // Cursor paging: one at a time, in id order, ending with a null cursor.
        let first = try api.get("/v1/members?organization_id=acme&limit=1")
        #expect(first.items.compactMap { $0["id"] as? String } == ["ann"])
        let cursor = try #require(first.json["next_cursor"] as? String)
        let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
        let second = try api.get("/v1/members?organization_id=acme&limit=1&cursor=\(encoded)")
        #expect(second.status == 200)
        #expect(second.items.compactMap { $0["id"] as? String } == ["bob"])
        if let more = second.json["next_cursor"] as? String {
            let third = try api.get("/v1/members?organization_id=acme&limit=1&cursor=\(more.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? more)")
            #expect(third.items.isEmpty)
        }

        // A move keeps history: the old stay has left_at, the new one is open.
        let moved = try api.put("/v1/members/ann", ["organization_id": "globex", "role": "sales", "name": "Ann", "team": "north"])
        #expect(moved.status == 200)
        let history = try api.get("/v1/members/ann").json["organization_history"] as? [[String: Any]] ?? []
        #expect(history.count == 2)
        #expect(history.first { $0["organization_id"] as? String == "acme" }.map { $0["left_at"] is String } == true)
        #expect(history.first { $0["organization_id"] as? String == "globex" }.map { $0["left_at"] is NSNull } == true)

        // Audit: newest first, with the key and before/after.
        let audit = try admin.get("/v1/audit?limit=50")
        #expect(audit.status == 200)
        let entries = audit.items
        #expect(entries.first?["action"] as? String == "member.move")
        #expect(entries.first?["key_id"] as? String == integrationKey.id)
        let move = try #require(entries.first)
        #expect((move["before"] as? [String: Any])?["organization_id"] as? String == "acme")
        #expect((move["after"] as? [String: Any])?["organization_id"] as? String == "globex")
        let actions = entries.compactMap { $0["action"] as? String }
        #expect(actions.filter { $0 == "organization.put" }.count == 3)
        #expect(actions.filter { $0 == "member.put" }.count == 2)
        #expect(actions.contains("key.create"))
        let replaced = entries.first { $0["action"] as? String == "organization.put" && $0["before"] is [String: Any] }
        #expect((replaced?["before"] as? [String: Any])?["name"] as? String == "Acme")
        #expect((replaced?["after"] as? [String: Any])?["name"] as? String == "Acme Inc")
        #expect(try admin.get("/v1/audit?entity_id=ann").items.count == 2)
        #expect(try api.get("/v1/audit").status == 403, "audit is admin only")

        // Deletes: an organization with members is refused, then allowed once empty.
        let refused = try api.delete("/v1/organizations/acme")
        #expect(refused.status == 409)
        #expect(refused.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(try api.delete("/v1/members/bob").status == 204)
        #expect(try api.delete("/v1/organizations/acme").status == 204)

        // 404s for what is gone or never was.
        for path in ["/v1/organizations/acme", "/v1/members/bob", "/v1/members/nobody", "/v1/organizations/nothing/members"] {
            let missing = try api.get(path)
            #expect(missing.status == 404, "\(path)")
            #expect(missing.json["status"] as? Int == 404)
        }
        #expect(try api.delete("/v1/members/bob").status == 404)
    }

    @Test func organizationValidationNamesTheFieldAndRefusesLoops() throws {
        let server = try LaurelProcess()
        let api = server.client()
        let unknownField = try api.put("/v1/organizations/o1", ["name": "O", "kind": "partner", "zz": 1])
        #expect(unknownField.status == 400)
        #expect(unknownField.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let errors = unknownField.json["errors"] as? [[String: Any]] ?? []
        #expect(errors.contains { $0["path"] as? String == "$.zz" })
        for field in ["type", "title", "status", "detail"] { #expect(unknownField.json[field] != nil, "\(field)") }
        #expect(try api.organization("o1", parent: "ghost").status == 422)
        #expect(try api.organization("o1").status == 201)
        #expect(try api.organization("o2", parent: "o1").status == 201)
        #expect(try api.organization("o1", parent: "o2").status == 422, "a loop is refused")
        #expect(try api.delete("/v1/organizations/o1").status == 409, "it has a child")
        #expect(try api.get("/v1/organizations/o1").status == 200, "refused writes change nothing")
        #expect(try api.member("m1", organization: "ghost").status == 422)
        #expect(try api.get("/v1/members/m1").status == 404)
    }

    /// Bad queries and ids are refused with 400 problems; nothing is written and nothing is a 500.
    @Test(arguments: [
        "/v1/organizations?limit=0", "/v1/organizations?limit=501", "/v1/organizations?limit=abc",
        "/v1/organizations?cursor=zzzz", "/v1/organizations?unknown=1", "/v1/organizations?status=bogus",
        "/v1/members?limit=1&limit=2", "/v1/audit?cursor=AAAA",
    ])
    func badQueriesAre400(_ path: String) throws {
        let server = try LaurelProcess()
        let response = try server.client().get(path)
        #expect(response.status == 400)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect((response.json["errors"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func badIdentifiersAndBodiesWriteNothing() throws {
        let server = try LaurelProcess()
        let api = server.client()
        for id in ["a%2Fb", "%00", "a%20b", String(repeating: "x", count: 300), ".."] {
            #expect(try api.organization(id).status == 400, "\(id)")
        }
        #expect(try api.put("/v1/organizations/ok", ["name": "A", "kind": "partner", "segments": ["x", "x"]]).status == 400)
        #expect(try api.put("/v1/organizations/ok", ["name": "A", "kind": "partner", "parent_id": "ok"]).status == 400)
        #expect(try api.put("/v1/members/m", ["organization_id": NSNull(), "role": "r"]).status == 400)
        #expect(try api.put("/v1/members/m", ["organization_id": "ok", "role": "r", "status": "weird"]).status == 400)
        #expect(try api.get("/v1/organizations").items.isEmpty)
        let audit = try api.get("/v1/audit").items.compactMap { $0["action"] as? String }
        #expect(audit == ["key.bootstrap"], "only the bootstrap is audited")
        #expect(!server.stdout.text.contains("\"status\":500"))
    }
}

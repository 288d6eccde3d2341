import Foundation
import Testing

@Suite("API keys")
struct KeyTests {
    @Test func createListGetRevokeAndTheRevokedKeyFailsAtOnce() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let created = try admin.post("/v1/keys", ["role": "viewer", "name": "dashboard"])
        #expect(created.status == 201)
        let secret = try #require(created.json["secret"] as? String)
        let id = try #require(created.json["id"] as? String)
        #expect(secret.hasPrefix("lrl_\(id)_"))
        #expect(created.header("Location") == "/v1/keys/\(id)")

        let viewer = server.client(key: secret)
        #expect(try viewer.get("/v1/organizations").status == 200)
        #expect(try viewer.organization("v-org").status == 403, "viewers only read")

        let listed = try admin.get("/v1/keys")
        #expect(listed.status == 200)
        #expect(listed.items.contains { $0["id"] as? String == id && $0["name"] as? String == "dashboard" })
        #expect(!listed.text.contains(secret))
        #expect(listed.items.allSatisfy { $0["secret"] == nil || $0["secret"] is NSNull })
        let one = try admin.get("/v1/keys/\(id)")
        #expect(one.status == 200)
        #expect(one.json["role"] as? String == "viewer")
        #expect(!one.text.contains(secret))
        #expect(try viewer.get("/v1/keys").status == 403)

        let revoked = try admin.delete("/v1/keys/\(id)")
        #expect(revoked.status == 200)
        #expect(revoked.json["revoked_at"] is String)
        let refused = try viewer.get("/v1/organizations")
        #expect(refused.status == 401)
        #expect(refused.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(try admin.delete("/v1/keys/\(id)").status == 200, "revoking twice is harmless")
        #expect(try admin.get("/v1/keys/nope").status == 404)
    }

    @Test func missingOrWrongKeysAre401() throws {
        let server = try LaurelProcess()
        #expect(try APIClient(port: server.port, key: nil).get("/v1/organizations").status == 401)
        #expect(try server.client(key: "lrl_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB").get("/v1/organizations").status == 401)
        let wrongSecret = String(server.adminKey.dropLast()) + (server.adminKey.hasSuffix("A") ? "B" : "A")
        #expect(try server.client(key: wrongSecret).get("/v1/organizations").status == 401)
        #expect(try server.client(key: "not-a-key").get("/v1/organizations").status == 401)
    }

    @Test func theLastActiveAdminKeyCannotBeRevoked() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let bootstrapID = String(server.adminKey.split(separator: "_")[1])
        let last = try admin.delete("/v1/keys/\(bootstrapID)")
        #expect(last.status == 409)
        #expect(try admin.get("/v1/organizations").status == 200, "still usable")
        let second = try admin.createKey(["role": "admin"])
        #expect(try admin.delete("/v1/keys/\(bootstrapID)").status == 200, "another admin key exists")
        #expect(try admin.get("/v1/organizations").status == 401)
        #expect(try server.client(key: second.secret).delete("/v1/keys/\(second.id)").status == 409)
    }

    @Test func idempotencyKeyReplaysWithoutTheSecretAndRefusesAnotherBody() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let headers = [("Idempotency-Key", "create-portal-key")]
        let first = try admin.post("/v1/keys", ["role": "integration", "name": "portal"], headers: headers)
        #expect(first.status == 201)
        #expect(first.json["secret"] is String)
        let replay = try admin.post("/v1/keys", ["role": "integration", "name": "portal"], headers: headers)
        #expect(replay.status == 201)
        #expect(replay.header("Idempotent-Replayed") == "true")
        #expect(replay.json["secret"] is NSNull)
        #expect(replay.json["id"] as? String == first.json["id"] as? String)
        let other = try admin.post("/v1/keys", ["role": "integration", "name": "other"], headers: headers)
        #expect(other.status == 422)
        let keys = try admin.get("/v1/keys").items
        #expect(keys.filter { $0["role"] as? String == "integration" }.count == 1, "one key despite three requests")
    }

    @Test func partnerKeysNeedAnExistingOrganization() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let missing = try admin.post("/v1/keys", ["role": "partner"])
        #expect(missing.status == 400)
        #expect((missing.json["errors"] as? [[String: Any]])?.isEmpty == false)
        #expect(try admin.post("/v1/keys", ["role": "partner", "organization_id": "ghost"]).status == 422)
        #expect(try admin.post("/v1/keys", ["role": "integration", "organization_id": "ghost"]).status >= 400)
        #expect(try admin.post("/v1/keys", ["role": "wizard"]).status == 400)
        #expect(try admin.organization("real").status == 201)
        #expect(try admin.post("/v1/keys", ["role": "partner", "organization_id": "real"]).status == 201)
        #expect(try admin.get("/v1/keys").items.count == 2, "bootstrap key and the partner key; refusals wrote nothing")
    }
}

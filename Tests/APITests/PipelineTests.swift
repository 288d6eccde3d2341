import Testing
import Engine
import HTTP
@testable import API

struct RoutingTests {
    @Test func anUnknownPathIs404Problem() throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/nothing-here")
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.object?["status"] == 404)
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() throws {
        let api = try APIHarness()
        let response = api.send("PATCH", "/v1/keys", key: api.adminSecret)
        #expect(response.status == 405)
        let allowed = try #require(response.headers["Allow"]).split(separator: ",").map { $0.trimmingCharacters(in: " ") }
        #expect(Set(allowed) == ["GET", "HEAD", "POST"])  // HEAD is served wherever GET is
        #expect(api.send("POST", "/healthz").headers["Allow"] == "GET, HEAD")
    }

    @Test func openRoutesNeedNoKey() throws {
        let api = try APIHarness()
        #expect(api.send("GET", "/healthz").status == 200)
        #expect(api.send("GET", "/metrics").status == 200)
        #expect(api.send("GET", "/v1/openapi.json").status == 200)
    }
}

struct AuthenticationTests {
    @Test func aMissingKeyIs401WithWWWAuthenticate() throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/organizations")
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
    }

    @Test(arguments: ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer lrl_nosuchkey000_abcdef", "Bearer not-a-key", "lrl_x_y"])
    func aBadAuthorizationIs401(_ authorization: String) throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/organizations", headers: [("Authorization", authorization)])
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"] != nil)
    }

    @Test func aWrongSecretForARealKeyIs401() throws {
        let api = try APIHarness()
        let id = try #require(KeySecret.parse(api.viewerSecret)).id
        #expect(api.send("GET", "/v1/organizations", key: "lrl_\(id)_WrongSecret").status == 401)
        #expect(api.send("GET", "/v1/organizations", key: api.viewerSecret).status == 200)
    }

    @Test func adminRoutesRefuseAViewerKeyWith403() throws {
        let api = try APIHarness()
        #expect(api.send("GET", "/v1/keys", key: api.viewerSecret).status == 403)
        #expect(api.send("GET", "/v1/audit", key: api.viewerSecret).status == 403)
        #expect(api.send("POST", "/v1/keys", key: api.partnerSecret, body: #"{"role":"admin"}"#).status == 403)
        #expect(api.send("GET", "/v1/keys", key: api.adminSecret).status == 200)
    }

    @Test func aKeyRevokedThroughTheAPIIsRefusedAtOnce() throws {
        let api = try APIHarness()
        #expect(api.send("GET", "/v1/organizations", key: api.viewerSecret).status == 200)  // now cached
        let id = try #require(KeySecret.parse(api.viewerSecret)).id
        #expect(api.send("DELETE", "/v1/keys/\(id)", key: api.adminSecret).status == 200)
        #expect(api.send("GET", "/v1/organizations", key: api.viewerSecret).status == 401)
    }
}

struct QueryValidationTests {
    @Test func anUnknownParameterIs400WithItsPath() throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/organizations?foo=1", key: api.viewerSecret)
        #expect(response.status == 400)
        #expect(response.errorPaths == ["query.foo"])
    }

    @Test(arguments: ["limit=0", "limit=501", "limit=-1", "limit=ten", "limit="])
    func anOutOfRangeLimitIs400(_ query: String) throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/organizations?\(query)", key: api.viewerSecret)
        #expect(response.status == 400)
        #expect(response.errorPaths == ["query.limit"])
    }

    @Test func limitsAtTheBoundsAreAccepted() throws {
        let api = try APIHarness()
        #expect(api.send("GET", "/v1/organizations?limit=1", key: api.viewerSecret).status == 200)
        #expect(api.send("GET", "/v1/organizations?limit=500", key: api.viewerSecret).status == 200)
    }

    @Test(arguments: ["cursor=!!!", "cursor=abc", "cursor=", "cursor=YzI6eA"])
    func aBadCursorIs400(_ query: String) throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/organizations?\(query)", key: api.viewerSecret)
        #expect(response.status == 400)
        #expect(response.errorPaths == ["query.cursor"])
    }

    @Test func aQueryThatIsNotUTF8Is400() throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/organizations?cursor=%FF", key: api.viewerSecret)
        #expect(response.status == 400)
        #expect(response.errorPaths == ["query"])
    }

    @Test func aRepeatedParameterIs400() throws {
        let api = try APIHarness()
        let response = api.send("GET", "/v1/organizations?limit=1&limit=2", key: api.viewerSecret)
        #expect(response.errorPaths == ["query.limit"])
    }

    @Test func everyBadParameterIsReportedInOneAnswer() throws {
        let api = try APIHarness()
        let response = api.send(
            "GET", "/v1/organizations?limit=0&status=gone&kind=a%20b&cursor=abc&foo=1&segment=ok", key: api.viewerSecret)
        #expect(response.status == 400)
        #expect(Set(response.errorPaths) == ["query.limit", "query.status", "query.kind", "query.cursor", "query.foo"])
    }

    @Test func aBadFilterValueIs400() throws {
        let api = try APIHarness()
        #expect(api.send("GET", "/v1/organizations?status=gone", key: api.viewerSecret).errorPaths == ["query.status"])
        #expect(api.send("GET", "/v1/organizations?kind=a%20b", key: api.viewerSecret).errorPaths == ["query.kind"])
    }

    @Test func cursorsPageThroughEveryOrganizationOnce() throws {
        let api = try APIHarness()
        for id in ["b", "c", "d", "e"] {
            #expect(api.send("PUT", "/v1/organizations/\(id)", key: api.adminSecret, body: #"{"name":"N","kind":"k"}"#).status == 201)
        }
        var seen: [String] = []
        var target = "/v1/organizations?limit=2"
        for _ in 0..<5 {
            let page = api.send("GET", target, key: api.viewerSecret)
            #expect(page.status == 200)
            seen += page.object?["items"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
            guard let next = page.object?["next_cursor"]?.stringValue else { break }
            target = "/v1/organizations?limit=2&cursor=\(next)"
        }
        #expect(seen == ["acme", "b", "c", "d", "e"])
    }
}

struct BodyAndProblemTests {
    @Test func aWrongContentTypeIs415() throws {
        let api = try APIHarness()
        let response = api.send("PUT", "/v1/organizations/x", key: api.adminSecret, body: #"{"name":"N","kind":"k"}"#, contentType: "text/plain")
        #expect(response.status == 415)
        #expect(response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func jsonSuffixedTypesAndParametersAreAccepted() throws {
        let api = try APIHarness()
        #expect(api.send("PUT", "/v1/organizations/x", key: api.adminSecret, body: #"{"name":"N","kind":"k"}"#,
                         contentType: "Application/JSON; charset=utf-8").status == 201)
        #expect(api.send("PUT", "/v1/organizations/y", key: api.adminSecret, body: #"{"name":"N","kind":"k"}"#,
                         contentType: "application/vnd.laurel+json").status == 201)
    }

    @Test func problemsHaveTheRFC9457Shape() throws {
        let api = try APIHarness()
        let response = api.send("PUT", "/v1/organizations/x", key: api.adminSecret, body: #"{"kind":"bad kind","zz":1}"#)
        #expect(response.status == 400)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        let problem = try #require(response.object)
        #expect(problem["type"]?.stringValue?.hasPrefix("https://") == true)
        #expect(problem["title"] == "Invalid request")
        #expect(problem["status"] == 400)
        #expect(problem["detail"]?.stringValue?.isEmpty == false)
        #expect(Set(response.errorPaths) == ["$.zz", "$.name", "$.kind"])
        #expect(problem["errors"]?.arrayValue?.allSatisfy { $0.objectValue?["message"]?.stringValue?.isEmpty == false } == true)
    }

    @Test func malformedJSONIs400AtTheRoot() throws {
        let api = try APIHarness()
        let response = api.send("PUT", "/v1/organizations/x", key: api.adminSecret, body: #"{"name": }"#)
        #expect(response.status == 400)
        #expect(response.errorPaths == ["$"])
    }

    @Test func domainErrorsMapToTheirStatuses() throws {
        let api = try APIHarness()
        #expect(api.send("GET", "/v1/organizations/ghost", key: api.viewerSecret).status == 404)
        #expect(api.send("GET", "/v1/organizations/ghost", key: api.partnerSecret).status == 404)
        #expect(api.send("PUT", "/v1/organizations/x", key: api.adminSecret, body: #"{"name":"N","kind":"k","parent_id":"ghost"}"#).status == 422)
        #expect(api.send("PUT", "/v1/organizations/acme", key: api.viewerSecret, body: #"{"name":"N","kind":"k"}"#).status == 403)
        #expect(api.send("DELETE", "/v1/organizations/acme", key: api.adminSecret).status == 409)  // its partner key is active
        #expect(api.send("PUT", "/v1/organizations/.bad", key: api.adminSecret, body: #"{"name":"N","kind":"k"}"#).errorPaths == ["path.id"])
    }

    @Test func putAnswers201WithLocationThen200() throws {
        let api = try APIHarness()
        let created = api.send("PUT", "/v1/members/m1", key: api.partnerSecret, body: #"{"organization_id":"acme","role":"sales"}"#)
        #expect(created.status == 201)
        #expect(created.headers["Location"] == "/v1/members/m1")
        let replaced = api.send("PUT", "/v1/members/m1", key: api.partnerSecret, body: #"{"organization_id":"acme","role":"manager"}"#)
        #expect(replaced.status == 200)
        #expect(replaced.headers["Location"] == nil)
        #expect(replaced.object?["organization_history"]?.arrayValue?.count == 1)
    }
}

struct RequestIDTests {
    @Test func everyAnswerHasARequestID() throws {
        let api = try APIHarness()
        let first = try #require(api.send("GET", "/healthz").headers["X-Request-Id"])
        let second = try #require(api.send("GET", "/nowhere").headers["X-Request-Id"])
        #expect(!first.isEmpty)
        #expect(first != second)
    }

    @Test func aSaneIncomingIDIsEchoed() throws {
        let api = try APIHarness()
        #expect(api.send("GET", "/healthz", headers: [("X-Request-Id", "trace-abc_123")]).headers["X-Request-Id"] == "trace-abc_123")
        #expect(api.send("GET", "/v1/keys", headers: [("X-Request-Id", "on-401-too")]).headers["X-Request-Id"] == "on-401-too")
    }

    @Test(arguments: ["has space", "quote\"d", String(repeating: "x", count: 129), "", "tab\there", "é"])
    func anInsaneIncomingIDIsReplaced(_ incoming: String) throws {
        let api = try APIHarness()
        let answered = try #require(api.send("GET", "/healthz", headers: [("X-Request-Id", incoming)]).headers["X-Request-Id"])
        #expect(answered != incoming)
        #expect(RequestID.isAcceptable(answered))
    }

    @Test func aWriteIsAuditedWithTheRequestID() throws {
        let api = try APIHarness()
        _ = api.send("PUT", "/v1/organizations/x", key: api.adminSecret, body: #"{"name":"N","kind":"k"}"#, headers: [("X-Request-Id", "req-77")])
        let audit = api.send("GET", "/v1/audit?entity_id=x", key: api.adminSecret)
        #expect(audit.object?["items"]?.arrayValue?.first?.objectValue?["request_id"] == "req-77")
    }
}

struct IdempotencyTests {
    @Test func aReplayGetsTheStoredAnswerWithoutTheSecret() throws {
        let api = try APIHarness()
        let body = #"{"role":"viewer","name":"reporting"}"#
        let first = api.send("POST", "/v1/keys", key: api.adminSecret, body: body, headers: [("Idempotency-Key", "create-1")])
        #expect(first.status == 201)
        #expect(first.headers["Idempotent-Replayed"] == nil)
        let secret = try #require(first.object?["secret"]?.stringValue)
        #expect(secret.hasPrefix("lrl_"))
        let replay = api.send("POST", "/v1/keys", key: api.adminSecret, body: body, headers: [("Idempotency-Key", "create-1")])
        #expect(replay.status == 201)
        #expect(replay.headers["Idempotent-Replayed"] == "true")
        #expect(replay.object?["secret"] == .null)
        #expect(replay.object?["id"] == first.object?["id"])
        let keys = api.send("GET", "/v1/keys", key: api.adminSecret).object?["items"]?.arrayValue ?? []
        #expect(keys.count == 4)  // admin, viewer, partner, and one created here
        #expect(api.send("GET", "/v1/organizations", key: secret).status == 200)
    }

    @Test func theSameDocumentWithItsKeysInAnotherOrderIsAReplay() throws {
        let api = try APIHarness()
        let first = api.send("POST", "/v1/keys", key: api.adminSecret, body: #"{"role":"viewer","name":"reporting"}"#,
                             headers: [("Idempotency-Key", "order")])
        #expect(first.status == 201)
        let reordered = api.send("POST", "/v1/keys", key: api.adminSecret, body: #"{ "name": "reporting", "role": "viewer" }"#,
                                 headers: [("Idempotency-Key", "order")])
        #expect(reordered.status == 201)
        #expect(reordered.headers["Idempotent-Replayed"] == "true")
        #expect(reordered.object?["id"] == first.object?["id"])
    }

    @Test func theSameKeyWithAnotherBodyIs422() throws {
        let api = try APIHarness()
        #expect(api.send("POST", "/v1/keys", key: api.adminSecret, body: #"{"role":"viewer"}"#, headers: [("Idempotency-Key", "k")]).status == 201)
        let other = api.send("POST", "/v1/keys", key: api.adminSecret, body: #"{"role":"admin"}"#, headers: [("Idempotency-Key", "k")])
        #expect(other.status == 422)
        #expect(other.headers["Content-Type"] == "application/problem+json")
    }

    @Test func withoutTheHeaderEveryPostCreates() throws {
        let api = try APIHarness()
        let first = api.send("POST", "/v1/keys", key: api.adminSecret, body: #"{"role":"viewer"}"#)
        let second = api.send("POST", "/v1/keys", key: api.adminSecret, body: #"{"role":"viewer"}"#)
        #expect(first.status == 201 && second.status == 201)
        #expect(first.object?["id"] != second.object?["id"])
    }

    @Test func aMalformedIdempotencyKeyIs400() throws {
        let api = try APIHarness()
        let response = api.send("POST", "/v1/keys", key: api.adminSecret, body: #"{"role":"viewer"}"#, headers: [("Idempotency-Key", "a b")])
        #expect(response.status == 400)
        #expect(response.errorPaths == ["header.Idempotency-Key"])
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}

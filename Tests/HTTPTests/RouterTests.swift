import HTTP
import Testing

@Suite struct RouterTests {
    private func router() -> Router<String> {
        var router = Router<String>()
        router.add("GET", "/v1/members/{id}", "get-member")
        router.add("PUT", "/v1/members/{id}", "put-member")
        router.add("GET", "/v1/members", "list-members")
        router.add("GET", "/v1/organizations/{id}/members", "org-members")
        router.add("GET", "/v1/keys/new", "literal-new")
        router.add("DELETE", "/v1/keys/{id}", "delete-key")
        router.add("GET", "/healthz", "health")
        return router
    }

    private func handler(_ match: RouteMatch<String>) -> String? {
        if case .found(let handler, _, _) = match { return handler }
        return nil
    }

    @Test func bindsParametersPercentDecoded() {
        guard case .found(let handler, let parameters, let pattern) = router().match(method: "PUT", path: "/v1/members/ann%20lee")
        else { Issue.record("no match"); return }
        #expect(handler == "put-member")
        #expect(parameters == ["id": "ann lee"])
        #expect(pattern == "/v1/members/{id}")
    }

    @Test func literalSegmentsWinOverParametersAndFallBackWhenTheyLeadNowhere() {
        #expect(handler(router().match(method: "GET", path: "/v1/keys/new")) == "literal-new")
        #expect(handler(router().match(method: "DELETE", path: "/v1/keys/new")) == "delete-key")
        #expect(handler(router().match(method: "GET", path: "/v1/organizations/acme/members")) == "org-members")
    }

    @Test func headIsAnsweredByGet() {
        #expect(handler(router().match(method: "HEAD", path: "/healthz")) == "health")
    }

    @Test func wrongMethodListsTheAllowedOnesWithHead() {
        guard case .methodNotAllowed(let allowed) = router().match(method: "DELETE", path: "/v1/members/ann") else {
            Issue.record("expected 405"); return
        }
        #expect(allowed == ["GET", "PUT", "HEAD"])
    }

    @Test func unknownPathsAndPrefixesAreNotFound() {
        for path in ["/", "/v1", "/v1/members/ann/extra", "/v2/members", "/v1/organizations/acme"] {
            guard case .notFound = router().match(method: "GET", path: path) else { Issue.record("\(path) matched"); continue }
        }
    }

    @Test func malformedEscapesInParametersAreNotFound() {
        guard case .notFound = router().match(method: "GET", path: "/v1/members/%zz") else { Issue.record("matched"); return }
    }

    @Test func emptySegmentsAreIgnored() {
        #expect(handler(router().match(method: "GET", path: "//v1//members/")) == "list-members")
    }

    @Test func registeredRoutesKeepTheirOrder() {
        #expect(router().registeredRoutes.map(\.pattern).prefix(3) == ["/v1/members/{id}", "/v1/members/{id}", "/v1/members"])
    }
}

import Foundation
import Testing

/// The served OpenAPI document describes every route the issue requires, and only routes the
/// server answers.
@Suite("OpenAPI document")
struct OpenAPITests {
    /// The routes of issue 2. Removing one from the document (or the server) fails a test here.
    static let requiredRoutes: Set<String> = [
        "GET /healthz", "GET /readyz", "GET /metrics", "GET /v1/openapi.json",
        "POST /v1/keys", "GET /v1/keys", "GET /v1/keys/{id}", "DELETE /v1/keys/{id}",
        "PUT /v1/organizations/{id}", "GET /v1/organizations/{id}", "DELETE /v1/organizations/{id}",
        "GET /v1/organizations", "GET /v1/organizations/{id}/members",
        "PUT /v1/members/{id}", "GET /v1/members/{id}", "DELETE /v1/members/{id}", "GET /v1/members",
        "GET /v1/audit",
        "PUT /v1/currencies/{id}", "GET /v1/currencies/{id}", "DELETE /v1/currencies/{id}", "GET /v1/currencies",
        "PUT /v1/rules/{id}", "GET /v1/rules/{id}", "DELETE /v1/rules/{id}", "GET /v1/rules", "GET /v1/rules/{id}/versions",
        "POST /v1/events", "GET /v1/events/{id}", "GET /v1/events", "POST /v1/events/batch", "POST /v1/events/dry-run",
        "GET /v1/members/{id}/balances", "GET /v1/organizations/{id}/balances", "POST /v1/transfers",
        "POST /v1/events/{id}/reverse", "POST /v1/adjustments",
        "GET /v1/members/{id}/ledger", "GET /v1/organizations/{id}/ledger",
        "PUT /v1/badges/{id}", "GET /v1/badges/{id}", "DELETE /v1/badges/{id}", "GET /v1/badges", "GET /v1/members/{id}/badges",
        "PUT /v1/rewards/{id}", "GET /v1/rewards/{id}", "DELETE /v1/rewards/{id}", "GET /v1/rewards",
        "POST /v1/redemptions", "GET /v1/redemptions/{id}", "GET /v1/redemptions", "GET /v1/members/{id}/redemptions",
        "POST /v1/redemptions/{id}/fulfill", "POST /v1/redemptions/{id}/cancel",
        "PUT /v1/tier-ladders/{id}", "GET /v1/tier-ladders/{id}", "DELETE /v1/tier-ladders/{id}", "GET /v1/tier-ladders",
        "GET /v1/members/{id}/tier", "GET /v1/organizations/{id}/tier",
        "GET /v1/jobs", "POST /v1/jobs/run",
    ]

    static func documentedRoutes(_ document: [String: Any]) -> Set<String> {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        return Set(paths.flatMap { path, operations in
            operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
    }

    @Test func theDocumentIsOpenAPI31AndListsEveryRequiredRoute() throws {
        let server = try LaurelProcess()
        let response = try RawHTTP.request(port: server.port, "GET", "/v1/openapi.json")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        #expect((document["info"] as? [String: Any])?["version"] as? String != nil)
        let routes = Self.documentedRoutes(document)
        let missing = Self.requiredRoutes.subtracting(routes)
        #expect(missing.isEmpty, "missing from the document: \(missing.sorted())")
        let components = document["components"] as? [String: Any] ?? [:]
        let schemes = components["securitySchemes"] as? [String: [String: Any]] ?? [:]
        #expect(schemes["bearer"]?["scheme"] as? String == "bearer")
        let schemas = components["schemas"] as? [String: Any] ?? [:]
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        for (path, operations) in paths {
            for (method, operation) in operations {
                guard let operation = operation as? [String: Any], method != "parameters" else { continue }
                let responses = operation["responses"] as? [String: Any] ?? [:]
                #expect(!responses.isEmpty, "\(method) \(path) has no responses")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) has no success answer")
            }
        }
        // Every $ref points at a schema that exists.
        for reference in response.text.matches(of: /"\$ref"\s*:\s*"#\/components\/schemas\/([A-Za-z0-9_]+)"/) {
            #expect(schemas[String(reference.output.1)] != nil, "dangling $ref \(reference.output.1)")
        }
    }

    /// Every documented operation is answered by a route: never 404 "no route" or 405.
    @Test func everyDocumentedRouteIsServed() throws {
        let server = try LaurelProcess()
        let api = server.client()
        let document = try RawHTTP.request(port: server.port, "GET", "/v1/openapi.json").json
        let routes = Self.documentedRoutes(document)
        #expect(routes.count >= Self.requiredRoutes.count)
        for route in routes.sorted() {
            let parts = route.split(separator: " ")
            let method = String(parts[0])
            let path = parts[1].replacingOccurrences(of: "{id}", with: "probe-id")
            let json: Any? = ["PUT", "POST"].contains(method) ? [String: Any]() : nil
            let response = try api.request(method, path, json: json)
            #expect(response.status != 405, "\(route) answered 405")
            if response.status == 404 {
                #expect(!(response.json["detail"] as? String ?? "").contains("No route"), "\(route) is documented but not routed")
            }
        }
        // And something undocumented is not served.
        #expect(try api.request("PATCH", "/v1/members/probe-id", json: [String: Any]()).status == 405)
        #expect(try api.get("/v1/nothing-here").status == 404)
    }

    /// A third-party validator, when one is installed; skipped (not failed) without it or offline.
    static let validatorInstalled = (try? python(["-c", "import openapi_spec_validator"])) == 0

    @Test(.enabled(if: validatorInstalled, "openapi-spec-validator is not installed"))
    func anIndependentValidatorAcceptsTheDocument() throws {
        let server = try LaurelProcess()
        let response = try RawHTTP.request(port: server.port, "GET", "/v1/openapi.json")
        let file = server.directory.path("openapi.json")
        try Data(response.body).write(to: URL(fileURLWithPath: file))
        let status = try Self.python(["-c", "import json,sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1])))", file])
        #expect(status == 0, "openapi-spec-validator refused the document")
    }

    static func python(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit(); return -1 }
        return process.terminationStatus
    }
}

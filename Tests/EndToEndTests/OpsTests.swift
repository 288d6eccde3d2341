#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

@Suite("Ops: health, readiness, metrics, request ids, logs, shutdown")
struct OpsTests {
    @Test func healthAndReadinessAnswerWithoutAKey() throws {
        let server = try LaurelProcess()
        let health = try RawHTTP.request(port: server.port, "GET", "/healthz")
        #expect(health.status == 200)
        #expect(health.json["status"] as? String == "ok")
        let ready = try RawHTTP.request(port: server.port, "GET", "/readyz")
        #expect(ready.status == 200)
        #expect(ready.json["status"] as? String == "ready")
        let checks = ready.json["checks"] as? [String: String] ?? [:]
        #expect(checks["database"] == "ok")
        #expect(checks["migrations"] == "ok")
    }

    @Test func metricsNameRoutesConnectionsCommitsAndDatabaseSize() throws {
        let server = try LaurelProcess()
        let api = server.client()
        #expect(try api.organization("m-org").status == 201)
        #expect(try api.get("/v1/organizations/m-org").status == 200)
        let metrics = try RawHTTP.request(port: server.port, "GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        let text = metrics.text
        let requestLines = text.split(separator: "\n").filter { $0.hasPrefix("laurel_http_requests_total{") }
        #expect(requestLines.contains { $0.contains("route=\"/v1/organizations/{id}\"") && $0.contains("PUT") })
        #expect(requestLines.contains { $0.contains("route=\"/v1/organizations/{id}\"") && $0.contains("GET") })
        for name in ["laurel_http_open_connections", "laurel_db_commit_batch_size", "laurel_db_size_bytes", "laurel_http_request_duration_seconds"] {
            #expect(text.contains("\n\(name)") || text.hasPrefix(name), "missing \(name)")
        }
        let size = text.split(separator: "\n").first { $0.hasPrefix("laurel_db_size_bytes ") }
        #expect(size.flatMap { Double($0.split(separator: " ")[1]) }.map { $0 > 0 } == true)
    }

    @Test func requestIdIsEchoedOrGeneratedAndLogged() throws {
        let server = try LaurelProcess()
        let echoed = try RawHTTP.request(port: server.port, "GET", "/healthz", headers: [("X-Request-Id", "e2e-trace-42")])
        #expect(echoed.header("X-Request-Id") == "e2e-trace-42")
        let generated = try RawHTTP.request(port: server.port, "GET", "/healthz")
        let id = try #require(generated.header("X-Request-Id"))
        #expect(!id.isEmpty && id != "e2e-trace-42")
        let notFound = try RawHTTP.request(port: server.port, "GET", "/nowhere")
        #expect(notFound.header("X-Request-Id") != nil)
        #expect(server.stdout.waitForLine { $0.contains("e2e-trace-42") })
        #expect(server.stdout.waitForLine { $0.contains(id) })
        let lines = server.stdout.lines
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] }, "every stdout line is JSON")
        let logged = server.stdout.jsonLines.filter { $0["request_id"] as? String == "e2e-trace-42" }
        #expect(logged.count == 1)
        #expect(logged.first?["status"] as? Int == 200)
    }

    @Test func sigtermClosesIdleConnectionsLogsStoppedAndExitsZero() throws {
        let server = try LaurelProcess()
        let connection = try RawConnection(port: server.port)
        let body = Array(#"{"name":"Before stop","kind":"partner"}"#.utf8)
        connection.send(RawHTTP.requestBytes("PUT", "/v1/organizations/before-stop", headers: [
            ("Authorization", "Bearer \(server.adminKey)"), ("Content-Type", "application/json"),
        ], body: body))
        #expect(try connection.readResponse().status == 201)
        kill(server.processIdentifier, SIGTERM)
        #expect(connection.closesWithoutMoreData(), "the idle keep-alive connection is closed on shutdown")
        #expect(server.terminate() == 0)
        #expect(server.stdout.waitForLine { $0.contains("\"stopped\"") })
        #expect(server.stdout.lines.contains { $0.contains("\"signal received\"") && $0.contains("SIGTERM") })
    }
}

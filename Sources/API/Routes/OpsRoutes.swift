import Engine
import HTTP
import Synchronization

/// Health, readiness, metrics and the API's own description. Open to everyone: load balancers,
/// Prometheus and client generators call them without keys.
enum OpsRoutes {
    static func all(document: OpenAPIDocumentSlot) -> [RouteSpec] {
        [
            RouteSpec(
                "GET", "/healthz", access: .open, summary: "The process is up and serving.", tag: "ops",
                responses: [(200, "Serving.", "Health")]
            ) { _, _, respond in
                respond(healthy)
            },
            RouteSpec(
                "GET", "/readyz", access: .open, summary: "The database is reachable and every migration is applied.", tag: "ops",
                responses: [(200, "Ready for traffic.", "Readiness"), (503, "Not ready; the checks say why.", "Readiness")]
            ) { context, _, respond in
                respond(readiness(context.environment.probes))
            },
            RouteSpec(
                "GET", "/metrics", access: .open, summary: "Prometheus metrics (text format 0.0.4).", tag: "ops",
                responses: [(200, "Metrics in the Prometheus text format.", nil)]
            ) { context, _, respond in
                respond(metrics(context.environment))
            },
            RouteSpec(
                "GET", "/v1/openapi.json", access: .open, summary: "This document: the OpenAPI 3.1 description of the API.", tag: "ops",
                responses: [(200, "The OpenAPI document.", nil)]
            ) { _, _, respond in
                respond(.json(bytes: document.bytes))
            },
        ]
    }

    private static let healthy = HTTPResponse.json(["status": "ok"])

    private static func readiness(_ probes: OpsProbes) -> HTTPResponse {
        var checks = JSONObject()
        var ready = true
        for (name, check) in probes.readinessChecks {
            if let reason = check() {
                ready = false
                checks[name] = .string(reason)
            } else {
                checks[name] = "ok"
            }
        }
        return .json(.object(JSONObject([("status", .string(ready ? "ready" : "not_ready")), ("checks", .object(checks))])), status: ready ? 200 : 503)
    }

    private static func metrics(_ environment: APIEnvironment) -> HTTPResponse {
        let probes = environment.probes
        let text = environment.metrics.render(gauges: [
            ("laurel_http_open_connections", "Client connections open now.", Double(probes.openConnections())),
            ("laurel_db_size_bytes", "Size of the database file, WAL included.", Double(probes.databaseSizeBytes())),
        ])
        return .text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}

/// The rendered OpenAPI document, filled in once every route is known.
final class OpenAPIDocumentSlot: Sendable {
    private let storage = Mutex<[UInt8]>([])

    var bytes: [UInt8] { storage.withLock { $0 } }

    func set(_ bytes: [UInt8]) { storage.withLock { $0 = bytes } }
}

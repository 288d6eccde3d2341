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
        // With synchronous FULL (the default) the organization's 201 waited for a sync of the WAL
        // made after its commit, off the writer thread.
        let syncs = text.split(separator: "\n").first { $0.hasPrefix("laurel_db_wal_sync_duration_seconds_count ") }
        #expect(syncs.flatMap { Double($0.split(separator: " ")[1]) }.map { $0 >= 1 } == true, "no WAL sync recorded")
    }

    /// `--sql-profile PATH`: on shutdown, the writer's SQL statements with their runs and time.
    @Test func theSQLProfileListsTheWritersStatementsOnShutdown() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("sql-profile.tsv")
        let server = try LaurelProcess(directory: directory, arguments: ["--sql-profile", path])
        let api = server.client()
        for id in ["p-1", "p-2", "p-3"] { #expect(try api.organization(id).status == 201) }
        #expect(server.terminate() == 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(lines.first == ["runs", "total_us", "us_per_run", "sql"])
        let organizationWrites = lines.dropFirst().filter { $0.count == 4 && $0[3].hasPrefix("INSERT INTO organizations") }
        #expect(organizationWrites.count == 1, "one line per statement")
        #expect(organizationWrites.first.flatMap { Int($0[0]) } == 3, "three runs")
    }

    @Test func anEmptySQLProfilePathIsRefused() throws {
        let directory = try TemporaryDirectory()
        let result = try LaurelRun.run(["serve", "--port", "0", "--db", directory.path("x.db"), "--sql-profile", ""], in: directory)
        #expect(result.status != 0)
        #expect(result.stderr.contains("sql-profile"))
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

    /// A shell starts the server in the background and exits: with exit_with_parent the orphaned
    /// server shuts down by itself; without it, it keeps serving.
    @Test func aServerWhoseStarterExitsShutsDownWhenToldTo() throws {
        let directory = try TemporaryDirectory()
        func orphan(exitWithParent: Bool) throws -> pid_t {
            // The shell waits until the server listens, so that the server has begun under it.
            let script = #"""
                "$0" serve --port 0 --db "$1" >"$2" 2>&1 &
                server=$!
                tries=0
                until grep -q '"listening"' "$2" || [ $tries -ge 600 ]; do sleep 0.05; tries=$((tries + 1)); done
                echo $server >"$3"
                """#
            let pidFile = directory.path("orphan-\(exitWithParent).pid")
            var environment = LaurelBinary.environment([:])
            environment["LAUREL_EXIT_WITH_PARENT"] = String(exitWithParent)
            try runShell(script, arguments: [LaurelBinary.path, directory.path("orphan-\(exitWithParent).db"),
                                             directory.path("orphan-\(exitWithParent).log"), pidFile],
                         environment: environment)
            let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
            guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw RawHTTPError(description: "no pid from the shell: \(text)")
            }
            return pid
        }
        // A zombie waiting for its new parent to reap it counts as gone.
        func isRunning(_ pid: pid_t) -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return !stat[close...].hasPrefix(") Z")
        }
        func waitUntilGone(_ pid: pid_t, seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if !isRunning(pid) { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return !isRunning(pid)
        }
        let watched = try orphan(exitWithParent: true)
        let unwatched = try orphan(exitWithParent: false)
        defer { kill(unwatched, SIGKILL) }
        #expect(waitUntilGone(watched, seconds: 15), "an orphaned server with exit_with_parent should stop")
        #expect(isRunning(unwatched), "without exit_with_parent an orphaned server keeps running")
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

/// Runs `/bin/sh -c script` and waits for the shell alone. Foundation's `Process` is not used: it
/// notices a child's end only when every inherited descriptor is closed, and the server the shell
/// leaves behind keeps them open.
private func runShell(_ script: String, arguments: [String], environment: [String: String]) throws {
    let argv = (["/bin/sh", "-c", script] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, envp)
    guard spawned == 0 else { throw RawHTTPError(description: "posix_spawn failed: \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

@Suite("Command line")
struct CLITests {
    @Test func helpAndVersion() throws {
        let directory = try TemporaryDirectory()
        let help = try LaurelRun.run(["--help"], in: directory)
        #expect(help.status == 0)
        for command in ["serve", "migrate", "keys create", "keys revoke", "backup", "version"] {
            #expect(help.stdout.contains(command), "--help lists \(command)")
        }
        let version = try LaurelRun.run(["version"], in: directory)
        #expect(version.status == 0)
        #expect(version.stdout.firstMatch(of: /^laurel \d+\.\d+\.\d+/) != nil)
        let unknown = try LaurelRun.run(["frobnicate"], in: directory)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("frobnicate"))
        #expect(try LaurelRun.run(["version", "--no-such-flag", "1"], in: directory).status != 0)
    }

    @Test func migrateAppliesOnceThenHasNothingToApply() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("fresh.db")
        let first = try LaurelRun.run(["migrate", "--db", database], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Applied 1"))
        let second = try LaurelRun.run(["migrate", "--db", database], in: directory)
        #expect(second.status == 0)
        #expect(second.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "Nothing to apply.")
        if let tables = try SQLiteShell.query(database, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            for table in ["api_keys", "audit_log", "members", "memberships", "organizations"] { #expect(tables.contains(table)) }
        }
    }

    @Test func keysCreatedAndRevokedByTheCLIWorkOnARunningServer() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("laurel.db")
        let created = try LaurelRun.run(["keys", "create", "--role", "integration", "--name", "cli", "--db", database], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let match = try #require(created.stdout.firstMatch(of: /lrl_([0-9A-Za-z]{12})_[0-9A-Za-z]{32}/))
        let secret = String(match.output.0), id = String(match.output.1)
        #expect(try LaurelRun.run(["keys", "create", "--role", "partner", "--db", database], in: directory).status != 0, "partner needs an organization")

        let server = try LaurelProcess(directory: directory, config: ["key_cache_ttl_ms": 100])
        let cliKey = server.client(key: secret)
        #expect(try cliKey.organization("from-cli").status == 201)
        #expect(try server.client().get("/v1/keys/\(id)").json["name"] as? String == "cli")

        let revoked = try LaurelRun.run(["keys", "revoke", id, "--db", database], in: directory)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.contains(id))
        var status = 0
        for _ in 0..<100 {
            status = try cliKey.get("/v1/organizations").status
            if status == 401 { break }
            usleep(20_000)
        }
        #expect(status == 401, "the server sees a CLI revocation within key_cache_ttl_ms")
        #expect(try LaurelRun.run(["keys", "revoke", "nonexistent", "--db", database], in: directory).status != 0)
    }

    @Test func backupWhileServingWritesIsConsistent() throws {
        let server = try LaurelProcess()
        #expect(try server.client().organization("backup").status == 201)
        let writers = ConcurrentWriters(client: server.client(), organization: "backup", threads: 2, requestsPerThread: 150, prefix: "b")
        #expect(writers.waitForAcknowledged(20))
        let before = writers.acknowledged
        let backupPath = server.directory.path("copy.db")
        let backup = try LaurelRun.run(["backup", backupPath, "--db", server.databasePath], in: server.directory)
        writers.stop()
        #expect(writers.join())
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(FileManager.default.fileExists(atPath: backupPath))
        guard SQLiteShell.path != nil else { return }
        #expect(try SQLiteShell.query(backupPath, "PRAGMA integrity_check") == "ok")
        let count = try SQLiteShell.query(backupPath, "SELECT count(*) FROM members").flatMap { Int($0) } ?? -1
        #expect(count >= before.count, "every member acknowledged before the backup is in it")
        let inCopy = Set((try SQLiteShell.query(backupPath, "SELECT id FROM members") ?? "").split(separator: "\n").map(String.init))
        #expect(Set(before).isSubset(of: inCopy))
        // The copy serves: start a server on it.
        let copyDirectory = try TemporaryDirectory()
        try FileManager.default.copyItem(atPath: backupPath, toPath: copyDirectory.path("laurel.db"))
        let restored = try LaurelProcess(directory: copyDirectory, adminKey: server.adminKey)
        #expect(try restored.client().get("/v1/members/\(before[0])").status == 200)
    }

    @Test func anEditedMigrationStopsTheServerFromStarting() throws {
        let directory = try TemporaryDirectory()
        let migrations = directory.path("Migrations")
        try FileManager.default.copyItem(atPath: LaurelBinary.migrationsDirectory, toPath: migrations)
        let environment = ["LAUREL_MIGRATIONS_DIR": migrations]
        let database = directory.path("laurel.db")
        #expect(try LaurelRun.run(["migrate", "--db", database], environment: environment, in: directory).status == 0)
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: migrations).first { $0.hasPrefix("0001_") })
        let handle = try #require(FileHandle(forWritingAtPath: "\(migrations)/\(first)"))
        handle.seekToEndOfFile()
        handle.write(Data("\n-- an edit after landing\n".utf8))
        try handle.close()
        let serve = try LaurelRun.run(["serve", "--port", "0", "--db", database], environment: environment, in: directory, timeoutSeconds: 10)
        #expect(serve.status != 0)
        #expect(serve.stderr.contains("edited"), "\(serve.stderr)")
        #expect(try LaurelRun.run(["migrate", "--db", database], environment: environment, in: directory).status != 0)
    }

    @Test func configurationFileIsStrictAndFlagsOverrideEnvironmentOverrideFile() throws {
        let directory = try TemporaryDirectory()
        let unknownPath = directory.path("unknown.json")
        try Data(#"{"//": "comment", "http": {"conections_max": 3}}"#.utf8).write(to: URL(fileURLWithPath: unknownPath))
        let refused = try LaurelRun.run(["serve", "--port", "0", "--config", unknownPath, "--db", directory.path("a.db")], in: directory, timeoutSeconds: 10)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("conections_max"))
        let viaEnvironment = try LaurelRun.run(["serve", "--port", "0", "--db", directory.path("a.db")], environment: ["LAUREL_CONFIG": unknownPath], in: directory, timeoutSeconds: 10)
        #expect(viaEnvironment.status != 0, "LAUREL_CONFIG is read too")

        // --port beats LAUREL_PORT (a port we could never be given).
        let flagged = try LaurelProcess(environment: ["LAUREL_PORT": "1"])
        #expect(flagged.port != 1)
        #expect(try RawHTTP.request(port: flagged.port, "GET", "/healthz").status == 200)

        // LAUREL_LOG_REQUESTS beats the file's log.requests.
        let quietConfig: [String: Any] = ["//": "comments are allowed", "log": ["requests": false]]
        let quiet = try LaurelProcess(config: quietConfig)
        _ = try RawHTTP.request(port: quiet.port, "GET", "/healthz", headers: [("X-Request-Id", "quiet-1")])
        let loud = try LaurelProcess(environment: ["LAUREL_LOG_REQUESTS": "true"], config: quietConfig)
        _ = try RawHTTP.request(port: loud.port, "GET", "/healthz", headers: [("X-Request-Id", "loud-1")])
        #expect(loud.stdout.waitForLine { $0.contains("loud-1") })
        #expect(quiet.terminate() == 0)
        #expect(!quiet.stdout.text.contains("quiet-1"))
    }
}

import Foundation
import Testing

/// A 2xx on a write is sent only after its COMMIT: after kill -9, every acknowledged write is there.
@Suite("Crash safety")
struct CrashTests {
    @Test func everyAcknowledgedWriteSurvivesKill9() throws {
        let server = try LaurelProcess()
        #expect(try server.client().organization("crash").status == 201)
        let writers = ConcurrentWriters(client: server.client(), organization: "crash", threads: 4, requestsPerThread: 200)
        #expect(writers.waitForAcknowledged(60), "writes are flowing")
        server.kill9()
        #expect(!server.isRunning)
        #expect(writers.join())
        let acknowledged = writers.acknowledged
        #expect(acknowledged.count >= 60)
        #expect(acknowledged.count < 800, "killed mid-flight, not after the last write")

        // The crashed files, as left: SQLite recovers the WAL and the database is consistent.
        if let integrity = try SQLiteShell.query(server.databasePath, "PRAGMA integrity_check") {
            #expect(integrity == "ok")
        }

        let restarted = try LaurelProcess(directory: server.directory, adminKey: server.adminKey)
        let api = restarted.client()
        var missing: [String] = []
        for id in acknowledged where try api.get("/v1/members/\(id)").status != 200 { missing.append(id) }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(10))")
        let listed = try api.get("/v1/organizations/crash/members?limit=500").items.count
        #expect(listed >= min(acknowledged.count, 500))
        #expect(restarted.terminate() == 0)
        if let integrity = try SQLiteShell.query(server.databasePath, "PRAGMA integrity_check") {
            #expect(integrity == "ok")
        }
        if let foreignKeys = try SQLiteShell.query(server.databasePath, "PRAGMA foreign_key_check") {
            #expect(foreignKeys.isEmpty)
        }
        if let badStays = try SQLiteShell.query(
            server.databasePath, "SELECT count(*) FROM members WHERE joined_at IS NULL OR joined_at < created_at") {
            #expect(badStays == "0", "every member's current stay starts when or after it was created")
        }
    }
}

import Dispatch
import Engine
import Foundation
import SQLite
import Storage
import Testing

/// The WAL must stay bounded under a continuous stream of writes: background PASSIVE checkpoints
/// alone never catch up with a busy writer, SQLite then never restarts the WAL, and the file
/// grows without end. Two mechanisms bound it: the background checkpointer, nearly caught up,
/// asks the writer to copy the last frames between two batches (`walRestartPages`); and, as a
/// safety net, the writer checkpoints inside COMMIT (`walAutoCheckpointPages`). Each is checked
/// alone here, with a small threshold.
@Suite struct WALGrowthTests {
    @Test func theWritersOwnCheckpointsBoundTheWALWithoutBackgroundHelp() throws {
        var options = Database.Options()
        options.walAutoCheckpointPages = 100
        // No background help during the test: only the writer's own checkpoints can bound the WAL.
        options.checkpointIntervalMs = 60_000
        let walBytes = try walSizeAfterAStreamOfWrites(options)
        // 100 pages of 4 KiB plus the last batch's pages (about 0.6 MiB here); without the writer's
        // checkpoints this stream leaves well over 3 MiB, and the WAL grows with every write.
        #expect(walBytes < 3 * 1024 * 1024 / 2, "WAL is \(walBytes) bytes")
    }

    @Test func theBackgroundCheckpointerHandingOverToTheWriterBoundsTheWAL() throws {
        var options = Database.Options()
        options.walRestartPages = 100
        options.walAutoCheckpointPages = 1_000_000
        options.checkpointIntervalMs = 10
        // Small batches: the writer copies the last frames between two of them.
        options.commitBatchMax = 32
        let walBytes = try walSizeAfterAStreamOfWrites(options, writes: 6_000)
        // About 2 MiB here: 100 pages, plus what is committed until the next tick notices, plus a
        // batch. The same stream with the WAL never restarted leaves 12–18 MiB; the margin is for
        // a loaded machine, where ticks come late.
        #expect(walBytes < 4 * 1024 * 1024, "WAL is \(walBytes) bytes")
    }

    /// The size the WAL file reached under `writes` member writes in flight at once, so that
    /// batches keep the writer busy.
    private func walSizeAfterAStreamOfWrites(_ base: Database.Options, writes: Int = 3_000) throws -> Int {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("laurel-wal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = base
        options.synchronous = .off
        let (database, _) = try Database.open(
            path: directory + "/laurel.db", migrations: try Migrator.load(directory: TestDatabase.migrationsDirectory), options: options)
        defer { database.close() }
        let draft = try OrganizationDraft.parse(["name": "Acme", "kind": "partner"], id: "acme")
        _ = try database.store.writeAndWait { try OrganizationCommands.put("acme", draft, context: change(), in: $0) }

        let group = DispatchGroup()
        for index in 0..<writes {
            let member = try MemberDraft.parse(
                ["organization_id": "acme", "role": "sales", "name": .string("Member \(index) " + String(repeating: "x", count: 150))],
                id: "m-\(index * 7919 % writes)")
            group.enter()
            database.store.write({ try MemberCommands.put("m-\(index)", member, context: change(), in: $0) }) { _ in group.leave() }
        }
        group.wait()
        return (try FileManager.default.attributesOfItem(atPath: directory + "/laurel.db-wal")[.size] as? Int) ?? 0
    }
}

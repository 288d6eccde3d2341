import Dispatch
import Testing
@testable import SQLite

private struct Refused: Error {}

/// A writer on a fresh database with `t(id INTEGER PRIMARY KEY, label TEXT)`, recording batch sizes.
/// The tests of batch semantics run with the writer syncing inside COMMIT and after it.
private final class WriterFixture {
    let directory: TemporaryDirectory
    let path: String
    let batchSizes = Locked<[Int]>([])
    let writer: SQLiteWriter

    /// `syncsAfterCommit`: as `Database` runs it, COMMIT without a sync and a `CommitSyncer` after it.
    init(batchMax: Int = 512, syncsAfterCommit: Bool = false) throws {
        directory = try TemporaryDirectory()
        path = directory.file("db.sqlite")
        var configuration = SQLiteConfiguration()
        if syncsAfterCommit { configuration.synchronous = .normal }
        let connection = try SQLiteConnection(path: path, configuration: configuration)
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, label TEXT NOT NULL)")
        let sizes = batchSizes
        writer = try SQLiteWriter(connection: connection, batchMax: batchMax, onCommit: { size, _ in
            sizes.withLock { $0.append(size) }
        }, syncsAfterCommit: syncsAfterCommit)
    }

    deinit {
        writer.close()
    }

    /// Submits one item per label behind a gate, so that they run as one batch. `work` gets the
    /// label and which run of it this is; returns how often each ran and each completion's success.
    func runAsOneBatch(
        _ labels: [String], _ work: @escaping @Sendable (_ label: String, _ run: Int, SQLiteConnection) throws -> Int64
    ) -> (runs: [String: Int], succeeded: [String: [Bool]]) {
        let group = DispatchGroup()
        let runs = Locked<[String: Int]>([:])
        let succeeded = Locked<[String: [Bool]]>([:])
        let gate = Gate()
        gate.block(writer, then: group)
        for label in labels {
            group.enter()
            writer.submit({ connection in
                let run = runs.withLock { $0[label, default: 0] += 1; return $0[label]! }
                return try work(label, run, connection)
            }, completion: { result in
                succeeded.withLock { $0[label, default: []].append((try? result.get()) != nil) }
                group.leave()
            })
        }
        gate.open()
        group.wait()
        return (runs.current, succeeded.current)
    }

    func labels() throws -> [String] {
        let pool = try SQLiteReaderPool(path: path, size: 1)
        return try pool.read { try $0.query("SELECT label FROM t ORDER BY label").compactMap { $0.string("label") } }
    }
}

/// Blocks the writer thread in a first work item until `open()`, so that later submits queue up
/// behind it and are taken as one batch.
private final class Gate: Sendable {
    let entered = DispatchSemaphore(value: 0)
    let released = DispatchSemaphore(value: 0)

    func block(_ writer: SQLiteWriter, then finished: DispatchGroup) {
        finished.enter()
        writer.submit({ _ in
            self.entered.signal()
            self.released.wait()
        }, completion: { _ in finished.leave() })
        entered.wait()
    }

    func open() { released.signal() }
}

private func insert(_ label: String) -> @Sendable (SQLiteConnection) throws -> Int64 {
    { connection in
        try connection.run("INSERT INTO t(label) VALUES (?)", [.text(label)])
        return connection.lastInsertRowID
    }
}

struct SQLiteWriterTests {
    @Test(arguments: [false, true]) func concurrentSubmitsFromSeveralThreadsAllCommitInBatches(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let writer = fixture.writer
        let group = DispatchGroup()
        let failures = Locked(0)
        let gate = Gate()
        gate.block(writer, then: group)  // so that a batch larger than one is certain to form
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in 0..<50 {
                group.enter()
                writer.submit(insert("\(thread)-\(index)")) { result in
                    if case .failure = result { failures.withLock { $0 += 1 } }
                    group.leave()
                }
                if thread == 0 && index == 10 { gate.open() }
            }
        }
        group.wait()
        #expect(failures.current == 0)
        #expect(try fixture.labels().count == 200)
        let sizes = fixture.batchSizes.current
        #expect(sizes.reduce(0, +) == 201)
        #expect(sizes.contains { $0 > 1 })
        #expect(sizes.allSatisfy { $0 <= 512 })
    }

    @Test(arguments: [false, true]) func throwingItemIsRolledBackAloneWhileItsBatchNeighboursCommit(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let writer = fixture.writer
        let group = DispatchGroup()
        let results = Locked<[String: Bool]>([:])
        let gate = Gate()
        gate.block(writer, then: group)
        let items: [(String, @Sendable (SQLiteConnection) throws -> Int64)] = [
            ("before", insert("before")),
            ("failing", { connection in
                _ = try insert("failing")(connection)
                throw Refused()
            }),
            ("after", insert("after")),
        ]
        for (label, work) in items {
            group.enter()
            writer.submit(work) { result in
                results.withLock { $0[label] = (try? result.get()) != nil }
                group.leave()
            }
        }
        gate.open()
        group.wait()
        #expect(results.current == ["before": true, "failing": false, "after": true])
        #expect(try fixture.labels() == ["after", "before"])
        // The batch was rolled back and its two other items committed without the failed one.
        #expect(fixture.batchSizes.current == [1, 2])
    }

    @Test(arguments: [false, true]) func itemsThatFailAfterWritingAreUndoneAndTheirNeighboursCommitOnceThoughRunAgain(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let (runs, succeeded) = fixture.runAsOneBatch(["first", "failing-1", "middle", "failing-2", "last"]) { label, _, connection in
            let id = try insert(label)(connection)
            if label.hasPrefix("failing") { throw Refused() }
            return id
        }
        #expect(succeeded == ["first": [true], "failing-1": [false], "middle": [true], "failing-2": [false], "last": [true]])
        #expect(try fixture.labels() == ["first", "last", "middle"])
        // Bare, undone at the first failure (only "first" had run); then each in a savepoint, the second failure undone alone.
        #expect(runs == ["first": 2, "failing-1": 1, "middle": 1, "failing-2": 1, "last": 1])
    }

    @Test(arguments: [false, true]) func anItemThatAsksToRunAgainIsUndoneAndRunsOnceMoreAmongItsNeighbours(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let (runs, succeeded) = fixture.runAsOneBatch(["before", "again", "after"]) { label, run, connection in
            let id = try insert("\(label)-\(run)")(connection)
            if label == "again" && run == 1 { throw SQLiteWriter.RunAgain() }
            return id
        }
        #expect(succeeded == ["before": [true], "again": [true], "after": [true]])
        #expect(try fixture.labels() == ["after-1", "again-2", "before-2"])
        #expect(runs == ["before": 2, "again": 2, "after": 1])
    }

    @Test(arguments: [false, true]) func anItemRunsBareAndInItsOwnSavepointOnlyWhenRunAgain(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let depths = Locked<[Int]>([])
        let (runs, succeeded) = fixture.runAsOneBatch(["again"]) { label, run, connection in
            depths.withLock { $0.append(connection.savepointDepth) }
            let id = try insert("\(label)-\(run)")(connection)
            if connection.savepointDepth == 0 { throw SQLiteWriter.RunAgain() }
            return id
        }
        #expect(depths.current == [0, 1])
        #expect(runs == ["again": 2])
        #expect(succeeded == ["again": [true]])
        #expect(try fixture.labels() == ["again-2"])
    }

    @Test(arguments: [false, true]) func anItemThatFailsWithoutWritingLeavesItsNeighboursRunOnce(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let (runs, succeeded) = fixture.runAsOneBatch(["before", "refused", "after"]) { label, _, connection in
            // A refusal found by reading, before any write: nothing to undo.
            _ = try connection.queryOne("SELECT count(*) FROM t")
            if label == "refused" { throw Refused() }
            return try insert(label)(connection)
        }
        #expect(succeeded == ["before": [true], "refused": [false], "after": [true]])
        #expect(runs == ["before": 1, "refused": 1, "after": 1])
        #expect(try fixture.labels() == ["after", "before"])
        #expect(fixture.batchSizes.current == [1, 3])
    }

    @Test(arguments: [false, true]) func anItemRefusedBeforeANeighbourAsksToRunAgainIsAnsweredOnce(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let (runs, succeeded) = fixture.runAsOneBatch(["before", "refused", "again"]) { label, run, connection in
            if label == "refused" { throw Refused() }
            let id = try insert("\(label)-\(run)")(connection)
            if label == "again" && run == 1 { throw SQLiteWriter.RunAgain() }
            return id
        }
        #expect(succeeded == ["before": [true], "refused": [false], "again": [true]])
        #expect(runs == ["before": 2, "refused": 1, "again": 2])
        #expect(try fixture.labels() == ["again-2", "before-2"])
    }

    @Test(arguments: [false, true]) func anItemRefusedBeforeANeighbourFailsAfterWritingIsAnsweredOnce(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let (runs, succeeded) = fixture.runAsOneBatch(["before", "refused", "failing", "after"]) { label, _, connection in
            if label == "refused" { throw Refused() }
            let id = try insert(label)(connection)
            if label == "failing" { throw Refused() }
            return id
        }
        #expect(succeeded == ["before": [true], "refused": [false], "failing": [false], "after": [true]])
        #expect(runs == ["before": 2, "refused": 1, "failing": 1, "after": 1])
        #expect(try fixture.labels() == ["after", "before"])
    }

    @Test(arguments: [false, true]) func anItemWhoseOwnSavepointUndidItsWritesStillCountsAsHavingWritten(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let (runs, _) = fixture.runAsOneBatch(["kept", "refused"]) { label, _, connection in
            guard label == "refused" else { return try insert(label)(connection) }
            try? connection.savepoint("inner") { () throws -> Void in
                _ = try insert("undone inside")(connection)
                throw Refused()
            }
            _ = try insert("then refused")(connection)
            throw Refused()
        }
        #expect(try fixture.labels() == ["kept"])
        #expect(runs == ["kept": 2, "refused": 1])
    }

    @Test(arguments: [false, true]) func completionFiresOnlyOnceTheRowIsCommittedAndVisible(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        let pool = try SQLiteReaderPool(path: fixture.path, size: 1)
        let seenByReader = Locked<[Bool]>([])
        let group = DispatchGroup()
        for index in 0..<20 {
            group.enter()
            fixture.writer.submit(insert("row-\(index)")) { result in
                let id = (try? result.get()) ?? -1
                let visible = (try? pool.read { try $0.queryOne("SELECT 1 FROM t WHERE id = ?", [.integer(id)]) }) != nil
                seenByReader.withLock { $0.append(visible) }
                group.leave()
            }
        }
        group.wait()
        #expect(seenByReader.current == Array(repeating: true, count: 20))
    }

    @Test(arguments: [false, true]) func failedCommitFailsEveryItemOfTheBatch(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(syncsAfterCommit: syncsAfterCommit)
        try fixture.writer.perform { connection in
            // A deferred foreign key is only checked at COMMIT.
            try connection.execute("""
                CREATE TABLE parent(id INTEGER PRIMARY KEY);
                CREATE TABLE child(parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
                """)
        }
        let group = DispatchGroup()
        let outcomes = Locked<[Bool]>([])
        let gate = Gate()
        gate.block(fixture.writer, then: group)
        let works: [@Sendable (SQLiteConnection) throws -> Int64] = [
            insert("innocent"),
            { connection in
                try connection.run("INSERT INTO child(parent_id) VALUES (42)")
                return 0
            },
        ]
        for work in works {
            group.enter()
            fixture.writer.submit(work) { result in
                outcomes.withLock { $0.append((try? result.get()) != nil) }
                group.leave()
            }
        }
        gate.open()
        group.wait()
        #expect(outcomes.current == [false, false])
        #expect(try fixture.labels().isEmpty)
        // The writer goes on after a failed commit.
        #expect(try fixture.writer.perform(insert("later")) > 0)
    }

    @Test(arguments: [false, true]) func closeDrainsQueuedWorkThenRefusesMore(syncsAfterCommit: Bool) throws {
        let fixture = try WriterFixture(batchMax: 2, syncsAfterCommit: syncsAfterCommit)
        let committed = Locked(0)
        for index in 0..<10 {
            fixture.writer.submit(insert("\(index)")) { result in
                if case .success = result { committed.withLock { $0 += 1 } }
            }
        }
        fixture.writer.close()
        #expect(committed.current == 10)
        #expect(fixture.batchSizes.current.allSatisfy { $0 <= 2 })
        #expect(throws: SQLiteError.self) { try fixture.writer.perform(insert("too late")) }
        #expect(try fixture.labels().count == 10)
    }
}

struct SQLiteWriterNestingTests {
    @Test func workItemsNestWithSavepointsNotTransactions() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        try connection.execute("CREATE TABLE t(x)")
        let writer = try SQLiteWriter(connection: connection)
        defer { writer.close() }
        #expect(throws: SQLiteError.self) {
            try writer.perform { db in try db.transaction { try db.run("INSERT INTO t VALUES (1)") } }
        }
        try writer.perform { db in try db.savepoint("inner") { try db.run("INSERT INTO t VALUES (2)") } }
        #expect(try writer.perform { try $0.query("SELECT x FROM t").map { $0[0] } } == [.integer(2)])
    }
}

import CSQLite
import Dispatch
import Glibc
import Testing
@testable import SQLite

/// The WAL sync a `CommitSyncer` makes, under the test's control: held until released, counted,
/// or failing.
private final class ControlledSync: Sendable {
    let calls = Locked(0)
    let holding = Locked(false)
    let failsFirst: Bool
    private let release = DispatchSemaphore(value: 0)

    init(failsFirst: Bool = false) {
        self.failsFirst = failsFirst
    }

    func sync(_ file: Int32) -> Int32 {
        if holding.current { release.wait() }
        let call = calls.withLock { $0 += 1; return $0 }
        return failsFirst && call == 1 ? -1 : fdatasync(file)
    }

    /// Lets a held sync finish, and later ones run freely.
    func letGo() {
        holding.withLock { $0 = false }
        release.signal()
    }
}

/// A writer committing without a sync, with a `CommitSyncer` behind it, on `t(label)`.
private final class SyncedWriterFixture {
    let directory: TemporaryDirectory
    let writer: SQLiteWriter
    let readers: SQLiteReaderPool

    init(_ sync: ControlledSync) throws {
        directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        var configuration = SQLiteConfiguration()
        configuration.synchronous = .normal
        let connection = try SQLiteConnection(path: path, configuration: configuration)
        try connection.execute("CREATE TABLE t(label TEXT NOT NULL)")
        let syncer = try CommitSyncer(databasePath: path, completionQueue: nil, onSync: nil, syncFile: { sync.sync($0) })
        writer = SQLiteWriter(connection: connection, batchMax: 512, onCommit: nil, completionQueue: nil, syncer: syncer)
        readers = try SQLiteReaderPool(path: path, size: 1)
    }

    deinit {
        writer.close()
    }

    /// Submits an insert of `label`; `answered` is signalled with its result.
    func insert(_ label: String, answered: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        writer.submit({ try $0.run("INSERT INTO t(label) VALUES (?)", [.text(label)]) }, completion: answered)
    }

    /// Waits until a reader sees `label`: its batch has committed.
    func waitUntilCommitted(_ label: String) throws {
        for _ in 0..<500 {
            if try readers.read({ try $0.queryOne("SELECT 1 FROM t WHERE label = ?", [.text(label)]) }) != nil { return }
            usleep(10_000)
        }
        Issue.record("\(label) was never committed")
    }
}

struct CommitSyncerTests {
    @Test func anAnswerWaitsForTheSyncThatFollowsItsCommit() throws {
        let sync = ControlledSync()
        sync.holding.withLock { $0 = true }
        let fixture = try SyncedWriterFixture(sync)
        let answered = DispatchSemaphore(value: 0)
        fixture.insert("a") { _ in answered.signal() }
        try fixture.waitUntilCommitted("a")
        #expect(answered.wait(timeout: .now() + .milliseconds(200)) == .timedOut, "answered before its commit was synced")
        sync.letGo()
        #expect(answered.wait(timeout: .now() + .seconds(10)) == .success)
        #expect(sync.calls.current == 1)
    }

    @Test func oneSyncCoversEveryBatchCommittedWhileTheLastOneRan() throws {
        let sync = ControlledSync()
        sync.holding.withLock { $0 = true }
        let fixture = try SyncedWriterFixture(sync)
        let answers = Locked(0)
        let group = DispatchGroup()
        // Each insert commits in a batch of its own (the next is submitted once it is visible),
        // while the sync after the first is held.
        for index in 0..<5 {
            group.enter()
            fixture.insert("row-\(index)") { result in
                if case .success = result { answers.withLock { $0 += 1 } }
                group.leave()
            }
            try fixture.waitUntilCommitted("row-\(index)")
        }
        #expect(answers.current == 0)
        sync.letGo()
        #expect(group.wait(timeout: .now() + .seconds(10)) == .success)
        #expect(answers.current == 5)
        #expect(sync.calls.current == 2)
    }

    @Test func aFailedSyncFailsItsAnswersAndEveryLaterOne() throws {
        let sync = ControlledSync(failsFirst: true)
        let fixture = try SyncedWriterFixture(sync)
        let expectedCode = SQLITE_IOERR | (4 << 8)  // SQLITE_IOERR_FSYNC
        let first = Locked<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        fixture.insert("unacknowledged") { result in
            first.withLock { $0 = result }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + .seconds(10)) == .success)
        guard case .failure(let error as SQLiteError)? = first.current else {
            Issue.record("the write was acknowledged though its sync failed: \(String(describing: first.current))")
            return
        }
        #expect(error.code == expectedCode)
        // The kernel may have dropped what it failed to write, so a later sync proves nothing:
        // every later write is refused without another sync.
        #expect(throws: SQLiteError.self) { try fixture.writer.perform { try $0.run("INSERT INTO t(label) VALUES ('later')") } }
        #expect(sync.calls.current == 1)
    }
}

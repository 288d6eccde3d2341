import Synchronization
import Testing
import Engine
import Storage

/// 2026-11-23T12:00:00Z.
private let now = Timestamp(millisecondsSinceEpoch: 1_795_435_200_000)

private func event(_ id: String, member: String) throws -> Result<EventDraft, DomainError> {
    Result { () throws(DomainError) in
        try EventDraft.parse(["id": .string(id), "type": "deal.closed", "member_id": .string(member), "occurred_at": .string(now.rfc3339)], now: now)
    }
}

private func organizationExists(_ id: String, in db: TestDatabase) throws -> Bool {
    try db.read { try $0.organization(id: id) } != nil
}

struct WriteAgainStorageTests {
    @Test func aWriteThatAsksToRunAgainKeepsOnlyWhatItsSecondRunWrote() throws {
        let db = try TestDatabase()
        let runs = Mutex(0)
        let result = try db.write { store -> Int in
            let run = runs.withLock { $0 += 1; return $0 }
            _ = try OrganizationCommands.put("run-\(run)", try organization("run-\(run)"), context: change(), in: store)
            if run == 1 { throw WriteAgain() }
            return run
        }
        #expect(result == 2)
        #expect(try organizationExists("run-1", in: db) == false)
        #expect(try organizationExists("run-2", in: db))
    }

    @Test func aWriteThatAsksToRunAgainTwiceFailsAndKeepsNothing() throws {
        let db = try TestDatabase()
        let runs = Mutex(0)
        #expect(throws: (any Error).self) {
            try db.write { store in
                let run = runs.withLock { $0 += 1; return $0 }
                _ = try OrganizationCommands.put("run-\(run)", try organization("run-\(run)"), context: change(), in: store)
                throw WriteAgain()
            }
        }
        #expect(runs.withLock { $0 } == 2)
        #expect(try organizationExists("run-1", in: db) == false)
        #expect(try organizationExists("run-2", in: db) == false)
    }

    @Test func rowsWrittenMovesWithWritesOnly() throws {
        let db = try TestDatabase()
        let (afterRead, afterWrite) = try db.write { store -> (Bool, Bool) in
            let start = store.rowsWritten()
            _ = try store.organization(id: "acme")
            let afterRead = store.rowsWritten() == start
            _ = try OrganizationCommands.put("acme", try organization("acme"), context: change(), in: store)
            return (afterRead, store.rowsWritten() > start)
        }
        #expect(afterRead)
        #expect(afterWrite)
    }

    /// A batch's events run bare; an event refused at intake (an unknown member) wrote nothing, so
    /// the batch goes on without asking to be run again, and its neighbours are recorded.
    @Test func aBareBatchAnswersAnEventRefusedAtIntakeWithoutRunningAgain() throws {
        let db = try TestDatabase.withDirectory()
        let runs = Mutex(0)
        let answers = try db.write { store in
            runs.withLock { $0 += 1 }
            return try EventBatch.process(
                [try event("e1", member: "m1"), try event("e2", member: "nobody"), try event("e3", member: "m2")],
                rules: [], context: change(integration, at: now.millisecondsSinceEpoch), in: store)
        }
        #expect(runs.withLock { $0 } == 1)
        #expect(answers.map { (try? $0.get()) != nil } == [true, false, true])
        #expect(try db.event("e1") != nil)
        #expect(try db.event("e2") == nil)
        #expect(try db.event("e3") != nil)
    }
}

import Testing
@testable import Storage

/// A cache of one value per key, with a count of the loads it made (each load answers `source`).
private final class Subject {
    let cache: TransactionalCache<String, Int>
    var source: [String: Int] = [:]
    var loads = 0

    init(capacity: Int = 100) {
        cache = TransactionalCache(capacity: capacity)
    }

    func value(_ key: String) -> Int {
        cache.value(for: key) {
            loads += 1
            return source[key, default: 0]
        }
    }

    /// `values` in the database, read by a transaction that committed: known to the cache.
    static func committed(_ values: [String: Int], capacity: Int = 100) -> Subject {
        let subject = Subject(capacity: capacity)
        subject.source = values
        for key in values.keys.sorted() { _ = subject.value(key) }
        subject.cache.transactionDidCommit()
        return subject
    }
}

struct TransactionalCacheTests {
    @Test func aValueReadInACommittedTransactionIsNotLoadedAgain() {
        let subject = Subject()
        subject.source["a"] = 1
        #expect(subject.value("a") == 1)
        subject.cache.transactionDidCommit()
        #expect(subject.value("a") == 1)
        #expect(subject.loads == 1)
    }

    @Test func aValueWrittenByATransactionThatRollsBackIsDropped() {
        let subject = Subject.committed(["a": 1])
        subject.cache.set(2, for: "a")
        #expect(subject.value("a") == 2, "the open transaction sees its own write")
        subject.cache.transactionDidRollBack()
        #expect(subject.value("a") == 1)
        #expect(subject.loads == 1)
    }

    @Test func afterASavepointRollbackNothingTheTransactionTouchedIsTrusted() {
        let subject = Subject.committed(["a": 1])
        subject.cache.set(2, for: "a")
        subject.cache.savepointDidRollBack()
        subject.source["a"] = 5  // what the database says once the savepoint is undone
        #expect(subject.value("a") == 5)
        #expect(subject.loads == 2)
        subject.cache.transactionDidCommit()
        #expect(subject.value("a") == 5)
        #expect(subject.loads == 2)
    }

    @Test func aForgottenKeyIsLoadedAgainAndItsOldValueGoesAtCommit() {
        let subject = Subject.committed(["a": 1])
        subject.cache.forget("a")
        subject.source["a"] = 3
        subject.cache.transactionDidCommit()
        #expect(subject.value("a") == 3)
        #expect(subject.loads == 2)
    }

    @Test func aForgottenKeyKeepsItsValueWhenTheTransactionRollsBack() {
        let subject = Subject.committed(["a": 1])
        subject.cache.forget("a")
        subject.cache.transactionDidRollBack()
        #expect(subject.value("a") == 1)
        #expect(subject.loads == 1)
    }

    @Test func anUpdateChangesAKnownValueAndLeavesAnUnknownOneToTheDatabase() {
        let subject = Subject()
        subject.source["next"] = 7
        subject.cache.update("next") { $0 + 1 }
        #expect(subject.value("next") == 7, "unknown before, so read")
        subject.cache.update("next") { $0 + 1 }
        #expect(subject.value("next") == 8)
        subject.cache.transactionDidCommit()
        #expect(subject.value("next") == 8)
        #expect(subject.loads == 1)
    }

    @Test func pastItsCapacityTheCacheEmptiesAndRefills() {
        let subject = Subject.committed(["a": 1, "b": 2], capacity: 2)
        subject.source["c"] = 3
        #expect(subject.value("a") == 1)
        #expect(subject.loads == 2)
        _ = subject.value("c")
        subject.cache.transactionDidCommit()
        #expect(subject.value("a") == 1)
        #expect(subject.loads == 4)
    }
}

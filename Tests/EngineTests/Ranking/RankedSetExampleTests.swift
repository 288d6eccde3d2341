import Testing
@testable import Engine

/// Literal boards small enough to check by eye.
struct RankedSetExampleTests {
    private func board(_ entries: [(String, Int64, Int64)]) -> RankedSet {
        var set = RankedSet()
        for (subjectID, score, reachedAt) in entries {
            set.upsert(RankedEntry(subjectID: subjectID, score: score, reachedAt: reachedAt))
        }
        return set
    }

    private func listedIDs(_ set: RankedSet) -> [String] {
        set.entries(from: 0, count: set.count).map(\.subjectID)
    }

    @Test func emptySetHoldsNothingAndRanksAnyScoreFirst() {
        let set = RankedSet()
        #expect(set.count == 0)
        #expect(set.entry(of: "ann") == nil)
        #expect(set.position(of: "ann") == nil)
        #expect(set.rank(of: "ann") == nil)
        #expect(set.rank(forScore: 0) == 1)
        #expect(set.rank(forScore: .min) == 1)
        #expect(set.entries(from: 0, count: 10).isEmpty)
    }

    @Test func tiedScoresShareACompetitionRank() {
        let set = board([("ann", 50, 1), ("bob", 40, 2), ("cat", 40, 3), ("dan", 30, 4)])
        #expect(["ann", "bob", "cat", "dan"].map { set.rank(of: $0) } == [1, 2, 2, 4])
        #expect(set.rank(forScore: 60) == 1)
        #expect(set.rank(forScore: 50) == 1)
        #expect(set.rank(forScore: 45) == 2)
        #expect(set.rank(forScore: 40) == 2)
        #expect(set.rank(forScore: 30) == 4)
        #expect(set.rank(forScore: 29) == 5)
    }

    @Test func aTieIsListedByEarlierReachedAtThenBySubjectID() {
        let set = board([("cat", 10, 5), ("bob", 10, 7), ("ann", 10, 7), ("dan", 10, 3), ("eve", 11, 9)])
        #expect(listedIDs(set) == ["eve", "dan", "cat", "ann", "bob"])
        #expect(set.position(of: "ann") == 3)
        #expect(set.position(of: "bob") == 4)
        #expect(set.rank(of: "bob") == 2)
    }

    @Test func upsertMovesASubjectUpThenDownAndKeepsOneEntry() {
        var set = board([("ann", 10, 1), ("bob", 20, 2), ("cat", 30, 3)])
        set.upsert(RankedEntry(subjectID: "ann", score: 40, reachedAt: 4))
        #expect(set.count == 3)
        #expect(listedIDs(set) == ["ann", "cat", "bob"])
        #expect(set.rank(of: "ann") == 1)
        set.upsert(RankedEntry(subjectID: "ann", score: 5, reachedAt: 5))
        #expect(set.count == 3)
        #expect(listedIDs(set) == ["cat", "bob", "ann"])
        #expect(set.entry(of: "ann") == RankedEntry(subjectID: "ann", score: 5, reachedAt: 5))
        #expect(set.position(of: "ann") == 2)
    }

    @Test func upsertOfSameScoreWithLaterReachedAtMovesBehindTheTie() {
        var set = board([("ann", 10, 1), ("bob", 10, 2)])
        set.upsert(RankedEntry(subjectID: "ann", score: 10, reachedAt: 3))
        #expect(listedIDs(set) == ["bob", "ann"])
    }

    @Test func removeDropsTheSubjectAndClosesTheGap() {
        var set = board([("ann", 30, 1), ("bob", 20, 2), ("cat", 10, 3)])
        set.remove(subjectID: "bob")
        #expect(set.count == 2)
        #expect(set.entry(of: "bob") == nil)
        #expect(set.position(of: "bob") == nil)
        #expect(set.rank(of: "bob") == nil)
        #expect(set.position(of: "cat") == 1)
        #expect(set.rank(of: "cat") == 2)
        set.remove(subjectID: "nobody")
        #expect(set.count == 2)
        set.remove(subjectID: "ann")
        set.remove(subjectID: "cat")
        #expect(set.count == 0)
        #expect(set.entries(from: 0, count: 5).isEmpty)
        #expect(set.rank(forScore: 0) == 1)
    }

    /// Slots of removed subjects are reused; the newcomer must not inherit the old ID or place.
    @Test func aSubjectAddedAfterARemoveGetsItsOwnIDAndPlace() {
        var set = board([("ann", 30, 1), ("bob", 20, 2)])
        set.remove(subjectID: "ann")
        set.upsert(RankedEntry(subjectID: "zed", score: 10, reachedAt: 3))
        #expect(listedIDs(set) == ["bob", "zed"])
        #expect(set.entry(of: "ann") == nil)
        #expect(set.entry(of: "zed") == RankedEntry(subjectID: "zed", score: 10, reachedAt: 3))
    }

    @Test func entriesPageAtBothEndsAndStopAtTheEnd() {
        let set = board([("a", 50, 1), ("b", 40, 1), ("c", 30, 1), ("d", 20, 1), ("e", 10, 1)])
        #expect(set.entries(from: 0, count: 2).map(\.subjectID) == ["a", "b"])
        #expect(set.entries(from: 3, count: 2).map(\.subjectID) == ["d", "e"])
        #expect(set.entries(from: 3, count: 10).map(\.subjectID) == ["d", "e"])
        #expect(set.entries(from: 4, count: 1) == [RankedEntry(subjectID: "e", score: 10, reachedAt: 1)])
        #expect(set.entries(from: 5, count: 1).isEmpty)
        #expect(set.entries(from: 100, count: 1).isEmpty)
        #expect(set.entries(from: 0, count: 0).isEmpty)
    }

    /// Pages that cross block boundaries, with blocks of 4 so that 10 entries span several.
    @Test func entriesCrossBlockBoundariesInOrder() {
        var set = RankedSet(blockCapacity: 4)
        for score in 0 ..< 10 {
            set.upsert(RankedEntry(subjectID: "s\(score)", score: Int64(score), reachedAt: 0))
        }
        #expect(set.invariantViolation() == nil)
        #expect(set.entries(from: 1, count: 7).map(\.score) == [8, 7, 6, 5, 4, 3, 2])
        #expect(set.entries(from: 6, count: 10).map(\.score) == [3, 2, 1, 0])
    }

    @Test func aCopyIsUnchangedByChangesToTheOriginal() {
        var set = board([("ann", 30, 1), ("bob", 20, 2)])
        let snapshot = set
        set.upsert(RankedEntry(subjectID: "bob", score: 40, reachedAt: 3))
        set.remove(subjectID: "ann")
        #expect(listedIDs(snapshot) == ["ann", "bob"])
        #expect(snapshot.entry(of: "bob")?.score == 20)
        #expect(listedIDs(set) == ["bob"])
    }

    @Test func extremeScoresOrderAndRankCorrectly() {
        let set = board([("low", .min, 0), ("high", .max, 0), ("zero", 0, .min)])
        #expect(listedIDs(set) == ["high", "zero", "low"])
        #expect(set.rank(forScore: .max) == 1)
        #expect(set.rank(forScore: .min) == 3)
        #expect(set.rank(of: "low") == 3)
    }

    @Test func aNegativePageStartIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) {
            _ = RankedSet().entries(from: -1, count: 1)
        }
    }
}

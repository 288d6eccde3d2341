import Testing
@testable import Engine

/// Random upserts and removes over a few hundred subjects with few distinct scores and times, so
/// that most entries tie, checked after every step against `NaiveRankedList`.
struct RankedSetPropertyTests {
    static let stepCount = 6_000
    static let subjectCount = 300
    static let scoreRange: Int64 = 8
    static let reachedAtRange: Int64 = 6

    /// Short IDs are stored inline in a String; the long ones live on the heap: both kinds tie-break.
    private static let subjectIDs: [String] = (0 ..< subjectCount).map {
        $0.isMultiple(of: 3) ? "subject-with-a-long-identifier-\($0)" : "s\($0)"
    }

    /// Blocks of 4 and 16 split and merge on almost every step; 512 keeps one block.
    @Test(arguments: [(4, 0xA11CE), (16, 0xB0B)] as [(Int, UInt64)])
    func matchesANaiveSortedList(blockCapacity: Int, seed: UInt64) {
        var random = RankingRandom(seed: seed)
        var set = RankedSet(blockCapacity: blockCapacity)
        var model = NaiveRankedList()
        for step in 0 ..< Self.stepCount {
            let subjectID = Self.subjectIDs[random.below(Self.subjectCount)]
            if random.below(4) == 0 {
                set.remove(subjectID: subjectID)
                model.remove(subjectID: subjectID)
            } else {
                let entry = RankedEntry(
                    subjectID: subjectID,
                    score: Int64(random.below(Int(Self.scoreRange))),
                    reachedAt: Int64(random.below(Int(Self.reachedAtRange))))
                set.upsert(entry)
                model.upsert(entry)
            }
            guard agrees(set, model, touched: subjectID, step: step, random: &random) else { return }
        }
        #expect(set.entries(from: 0, count: set.count + 1) == model.listing)
    }

    /// Checks the touched subject and a few random ones, scores and pages. Stops the test at the
    /// first disagreement so that one fault does not print twenty thousand failures.
    private func agrees(
        _ set: RankedSet, _ model: NaiveRankedList, touched: String, step: Int, random: inout RankingRandom
    ) -> Bool {
        let context = Comment(rawValue: "step \(step)")
        var ok = true
        func check<T: Equatable>(_ actual: T, _ expected: T, _ what: String) {
            guard ok, actual != expected else { return }
            Issue.record("\(what): \(actual) != \(expected), \(context)")
            ok = false
        }
        check(set.invariantViolation(), nil, "invariant")
        check(set.count, model.listing.count, "count")
        var probed = [touched]
        for _ in 0 ..< 3 { probed.append(Self.subjectIDs[random.below(Self.subjectCount)]) }
        for subjectID in probed {
            check(set.entry(of: subjectID), model.entry(of: subjectID), "entry(of: \(subjectID))")
            check(set.position(of: subjectID), model.position(of: subjectID), "position(of: \(subjectID))")
            check(set.rank(of: subjectID), model.rank(of: subjectID), "rank(of: \(subjectID))")
        }
        // One below and one above the score range, where every or no entry scores higher.
        let score = Int64(random.below(Int(Self.scoreRange) + 2)) - 1
        check(set.rank(forScore: score), model.rank(forScore: score), "rank(forScore: \(score))")
        let position = random.below(model.listing.count + 3)
        let pageSize = random.below(13)
        check(set.entries(from: position, count: pageSize), model.entries(from: position, count: pageSize),
              "entries(from: \(position), count: \(pageSize))")
        return ok
    }
}

import Testing
@testable import Engine

/// Sums kept at one moment give, read later, the scorecard computed afresh then — for as long as
/// the same interactions are in the window, which `holds(at:)` says.
struct ScorecardSumsTests {
    typealias T = ScorecardTests

    @Test func sumsReadLaterGiveTheScorecardComputedThen() throws {
        let template = try T.template(halfLife: 10)
        let interactions = [
            T.interaction("a", ageDays: 20, hoursLate: 0, service: 5), T.interaction("b", ageDays: 3, hoursLate: 30, service: 2),
            T.interaction("c", ageDays: 1, service: 4),
        ]
        let sums = ScorecardSums(template, interactions: interactions, now: T.now)
        for laterDays: Int64 in [0, 1, 5, 9] {
            let later = T.now.adding(milliseconds: laterDays * T.day)
            #expect(sums.holds(at: later))
            let kept = sums.scorecard(template, supplierID: "alpha", now: later)
            let fresh = Scorecard.compute(template, supplierID: "alpha", interactions: interactions, now: later)
            #expect(abs((kept.overall ?? 0) - (fresh.overall ?? 0)) < 1e-9, "\(laterDays) days later")
            #expect(abs(kept.effectiveCount - fresh.effectiveCount) < 1e-9)
            #expect(zip(kept.kpis, fresh.kpis).allSatisfy { abs(($0.score ?? 0) - ($1.score ?? 0)) < 1e-9 && $0.sampleSize == $1.sampleSize })
            #expect(sums.entry(template, supplierID: "alpha", now: later) == ScorecardRanking.Entry(of: kept),
                    "a ranking's entry is what the full scorecard says")
        }
    }

    @Test func sumsStopHoldingWhenTheOldestLeavesTheWindowOrAFutureOneComesDue() throws {
        let template = try T.template()  // 30-day window
        let old = T.interaction("old", ageDays: 25, service: 5)
        let future = Interaction(id: "future", supplierID: "alpha", templateID: "t", completedAt: T.now.adding(milliseconds: 2 * T.day),
                                 ratings: ["service": 1], recordedAt: T.now)
        let sums = ScorecardSums(template, interactions: [old, future], now: T.now)
        #expect(sums.interactions == 1, "the future one does not count yet")
        #expect(sums.validUntil == future.completedAt)
        #expect(sums.holds(at: future.completedAt.adding(milliseconds: -1)) && !sums.holds(at: future.completedAt))
        #expect(!sums.holds(at: T.now.adding(milliseconds: -1)), "sums are never read backwards")

        let withoutFuture = ScorecardSums(template, interactions: [old], now: T.now)
        // 25 days old in a 30-day window: it leaves 5 days (and 1 ms) from now.
        #expect(withoutFuture.validUntil == old.completedAt.adding(milliseconds: 30 * T.day + 1))
        #expect(withoutFuture.holds(at: old.completedAt.adding(milliseconds: 30 * T.day)))
        #expect(!withoutFuture.holds(at: old.completedAt.adding(milliseconds: 30 * T.day + 1)))
    }

    @Test func theEffectiveCountIsKishsFormulaOverTheDecayWeights() throws {
        // Half-life 1 day: weights 1 (today) and 0.5 (a day ago): (1.5)² / (1 + 0.25) = 1.8.
        let template = try T.template(halfLife: 1)
        let card = Scorecard.compute(
            template, supplierID: "alpha", interactions: [T.interaction("a", service: 5), T.interaction("b", ageDays: 1, service: 3)], now: T.now)
        #expect(abs(card.effectiveCount - 1.8) < 1e-12)
        #expect(Scorecard.compute(template, supplierID: "alpha", interactions: [], now: T.now).effectiveCount == 0)
    }

    @Test func theInteractionsThatPulledAKPIDownAreTheLowestScoresWhateverTheOrderTheyCameIn() throws {
        let template = try T.template()
        // Service ratings 1…4 score below the target of 80; ties broken by interaction id.
        let interactions = (0..<12).map { T.interaction("i-\($0)", ageDays: Int64($0 % 5), service: Int64($0 % 4 + 1)) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let sums = ScorecardSums(template, interactions: interactions.shuffled(using: &generator), now: T.now)
            let service = sums.scorecard(template, supplierID: "alpha", now: T.now).kpis[1]
            #expect(service.pulledDownBy.map(\.id) == ["i-0", "i-4", "i-8"], "the three rated 1, by id")
        }
        let fewer = ScorecardSums(template, interactions: [interactions[5], interactions[1]], now: T.now).scorecard(template, supplierID: "alpha", now: T.now)
        #expect(fewer.kpis[1].pulledDownBy.map(\.id) == ["i-1", "i-5"], "both rated 2, by id")
        #expect(fewer.kpis[1].pulledDownBy.map(\.score) == fewer.kpis[1].pulledDownBy.map(\.score).sorted())
    }
}

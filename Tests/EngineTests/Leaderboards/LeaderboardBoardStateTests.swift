import Testing
@testable import Engine

struct LeaderboardBoardStateTests {
    static let day = RFC3339.daysFromCivil(year: 2026, month: 11, day: 20)

    static func board(_ period: CounterPeriod, metric: LeaderboardMetric = LeaderboardMetric(source: .currency("points"))) -> Leaderboard {
        Leaderboard(id: "b", name: "B", subject: .member, metric: metric, period: period, partition: .tier,
                    createdAt: Timestamp(millisecondsSinceEpoch: 0), updatedAt: Timestamp(millisecondsSinceEpoch: 0))
    }

    static func placed(_ tier: String, divisor: Int64? = 1) -> LeaderboardPlacement {
        LeaderboardPlacement(partitions: [tier], included: true, divisor: divisor)
    }

    static func ids(_ state: LeaderboardBoardState, _ partition: String) -> [String] {
        var state = state
        return state.sets(in: state.current)[partition]?.entries(from: 0, count: 100).map(\.subjectID) ?? []
    }

    @Test func totalsOutsideTheCurrentPeriodCountOnlyForTheirOwnPeriod() {
        var state = LeaderboardBoardState(board: Self.board(.week), today: Self.day)
        state.add(50, to: "ann", day: Self.day, atMs: 1) { Self.placed("gold") }
        state.add(80, to: "bob", day: Self.day - 7, atMs: 2) { Self.placed("gold") }
        #expect(Self.ids(state, "gold") == ["ann"])
        let lastWeek = state.current.previous(kind: .week)!
        #expect(state.sets(in: lastWeek)["gold"]?.entries(from: 0, count: 5).map(\.score) == [80])
        #expect(state.closedPeriods(count: 5).map(\.name) == [lastWeek.name])
        state.add(20, to: "cat", day: Self.day - 7, atMs: 3) { Self.placed("gold") }
        #expect(state.sets(in: lastWeek)["gold"]?.entries(from: 0, count: 5).map(\.score) == [80, 20], "a late change reaches a kept past period")
        state.add(80, to: "dan", day: Self.day - 7, atMs: 1) { Self.placed("gold") }
        let top = state.top(2, in: lastWeek)["gold"]
        #expect(top?.entries.map(\.0.subjectID) == ["dan", "bob"] && top?.entries.map(\.rank) == [1, 1] && top?.total == 3)
    }

    @Test func aNewPeriodStartsEmptyAndARollingWindowDropsOldDays() {
        var weekly = LeaderboardBoardState(board: Self.board(.week), today: Self.day)
        weekly.add(50, to: "ann", day: Self.day, atMs: 1) { Self.placed("gold") }
        weekly.roll(to: Self.day + 7)
        #expect(Self.ids(weekly, "gold").isEmpty)
        var rolling = LeaderboardBoardState(board: Self.board(.rolling7Days), today: Self.day)
        rolling.add(5, to: "ann", day: Self.day - 6, atMs: 1) { Self.placed("gold") }
        rolling.add(7, to: "ann", day: Self.day, atMs: 2) { Self.placed("gold") }
        #expect(rolling.sets(in: rolling.current)["gold"]?.entry(of: "ann")?.score == 12)
        rolling.roll(to: Self.day + 1)
        #expect(rolling.sets(in: rolling.current)["gold"]?.entry(of: "ann")?.score == 7)
    }

    @Test func aNewPlacementMovesTheSubjectBetweenPartitions() {
        var state = LeaderboardBoardState(board: Self.board(.all), today: Self.day)
        state.add(10, to: "ann", day: Self.day, atMs: 1) { Self.placed("bronze") }
        state.replace(placement: Self.placed("silver"), of: "ann")
        #expect(Self.ids(state, "bronze").isEmpty && Self.ids(state, "silver") == ["ann"])
        state.replace(placement: LeaderboardPlacement(partitions: ["silver"], included: false, divisor: 1), of: "ann")
        #expect(Self.ids(state, "silver").isEmpty, "filtered out")
        #expect(state.subjectCount == 1, "its totals are kept for when it comes back")
    }

    @Test func scaledScoresKeepTwoDecimalsAndUnscorableSubjectsAreNotRanked() {
        let average = LeaderboardMetric(source: .currency("points"), aggregate: .average)
        #expect(average.score(total: 100, divisor: 3) == 3_333)
        #expect(average.json(score: 3_333) == .double(33.33))
        let target = LeaderboardMetric(source: .eventCount(type: "sale"), targetAttribute: "target")
        #expect(target.score(total: 3, divisor: 4) == 7_500, "75.00 %")
        #expect(LeaderboardMetric(source: .currency("points")).score(total: .max, divisor: 1) == .max)
        var state = LeaderboardBoardState(board: Self.board(.all, metric: target), today: Self.day)
        state.add(1, to: "ann", day: Self.day, atMs: 1) { Self.placed("gold", divisor: nil) }
        #expect(Self.ids(state, "gold").isEmpty)
    }
}

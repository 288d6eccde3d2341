import Engine
import Testing

@Suite struct TierLadderTests {
    static let design: JSONValue = [
        "subject": "member", "currency": "points", "window": "lifetime",
        "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 5000],
                   ["id": "gold", "threshold": 20000, "benefits": ["multiplier": 1.25]], ["id": "platinum", "threshold": 50000]],
        "downgrade": ["policy": "at_review", "grace_days": 30],
    ]

    static func ladder(_ body: JSONValue = design) throws -> TierLadder {
        let at = Timestamp(millisecondsSinceEpoch: 0)
        return try #require(TierLadder.fromDefinition(body, id: "partners", createdAt: at, updatedAt: at))
    }

    @Test func theDesignExampleParsesWithAnExactMultiplier() throws {
        let draft = try TierLadderDraft.parse(Self.design, id: "partners")
        #expect(draft.levels.map(\.id) == ["bronze", "silver", "gold", "platinum"])
        #expect(draft.levels.map(\.threshold) == [0, 5000, 20000, 50000])
        #expect(draft.levels[2].benefits.multiplierPerMille == 1250)
        #expect(draft.levels[0].benefits == TierBenefits())
        #expect(draft.window == .lifetime && draft.downgrade == TierDowngrade(policy: .atReview, graceDays: 30))
    }

    @Test func theDocumentFormRoundTripsThroughTheParser() throws {
        let ladder = try Self.ladder()
        #expect(TierLadder.fromDefinition(ladder.definitionJSON, id: ladder.id, createdAt: ladder.createdAt, updatedAt: ladder.updatedAt) == ladder)
    }

    @Test func everyProblemIsReportedWithItsPath() {
        #expect(paths { _ = try TierLadderDraft.parse(["zz": 1], id: "t") }.sorted() == ["$.currency", "$.levels", "$.subject", "$.window", "$.zz"])
        #expect(paths { _ = try TierLadderDraft.parse([
            "subject": "member", "currency": "points", "window": "rolling_0d",
            "levels": [["id": "a", "threshold": 1], ["id": "a", "threshold": 1, "benefits": ["multiplier": 0.5, "list": [1]]], 3],
            "downgrade": ["policy": "at_review", "grace_days": 366],
        ], id: "t") }.sorted() == [
            "$.downgrade.grace_days", "$.levels[0].threshold", "$.levels[1].benefits.list[0]", "$.levels[1].benefits.multiplier",
            "$.levels[1].id", "$.levels[1].threshold", "$.levels[2]", "$.window",
        ])
    }

    @Test func levelCountsAndWindowsAreCheckedAtTheLimitAndOnePast() {
        func levels(_ count: Int) -> JSONValue {
            .array((0..<count).map { ["id": .string("l\($0)"), "threshold": .int(Int64($0) * 10)] })
        }
        func problems(levels: JSONValue = levels(2), window: String = "lifetime") -> [String] {
            paths { _ = try TierLadderDraft.parse(["subject": "member", "currency": "points", "window": .string(window), "levels": levels], id: "t") }
        }
        #expect(problems(levels: levels(2)) == [] && problems(levels: levels(20)) == [])
        #expect(problems(levels: levels(1)) == ["$.levels"] && problems(levels: levels(21)) == ["$.levels"])
        for window in ["calendar_year", "rolling_1d", "rolling_365d", "rolling_730d"] { #expect(problems(window: window) == []) }
        for window in ["rolling_731d", "rolling_0d", "rolling_07d", "rolling_d", "year"] { #expect(problems(window: window) == ["$.window"]) }
    }

    @Test func multipliersAreExactPerMilleFromOneToTen() {
        #expect(TierLadderDraft.multiplierPerMille(1.25) == 1250)
        #expect(TierLadderDraft.multiplierPerMille(1.001) == 1001)
        #expect(TierLadderDraft.multiplierPerMille(1) == 1000 && TierLadderDraft.multiplierPerMille(10) == 10_000)
        #expect(TierLadderDraft.multiplierPerMille(10.001) == nil && TierLadderDraft.multiplierPerMille(0.999) == nil)
        #expect(TierLadderDraft.multiplierPerMille(1.0005) == nil)  // more than 3 decimals
        #expect(TierLadderDraft.multiplierPerMille("1.5") == nil)
    }

    @Test func multiplyingRoundsDown() {
        #expect(TierMultiplier.apply(1250, to: 1001) == 1251)  // 1251.25
        #expect(TierMultiplier.apply(1250, to: 3) == 3)  // 3.75
        #expect(TierMultiplier.apply(1001, to: 999) == 999)  // 999.999
        #expect(TierMultiplier.apply(1000, to: 7) == 7)
        #expect(TierMultiplier.apply(10_000, to: 1_000_000_000_000) == 10_000_000_000_000)
        #expect(TierMultiplier.json(1250) == .double(1.25) && TierMultiplier.json(2000) == .int(2))
    }

    @Test func theLevelIsTheHighestThresholdReached() throws {
        let ladder = try Self.ladder()
        #expect(ladder.levelIndex(qualifying: -5) == 0)
        #expect(ladder.levelIndex(qualifying: 4999) == 0)
        #expect(ladder.levelIndex(qualifying: 5000) == 1)
        #expect(ladder.levelIndex(qualifying: 19_999) == 1)
        #expect(ladder.levelIndex(qualifying: 20_000) == 2)
        #expect(ladder.levelIndex(qualifying: 1_000_000) == 3)
    }

    @Test func upgradesOnlyGoUp() throws {
        let ladder = try Self.ladder()
        #expect(TierKeeper.upgradeTarget(ladder, storedLevelID: nil, qualifying: 100)?.id == nil)
        #expect(TierKeeper.upgradeTarget(ladder, storedLevelID: nil, qualifying: 20_000)?.id == "gold")
        #expect(TierKeeper.upgradeTarget(ladder, storedLevelID: "silver", qualifying: 50_000)?.id == "platinum")
        #expect(TierKeeper.upgradeTarget(ladder, storedLevelID: "gold", qualifying: 6_000) == nil)  // downgrades wait for review
        #expect(TierKeeper.upgradeTarget(ladder, storedLevelID: "gone", qualifying: 5_000)?.id == "silver")
    }

    @Test func theStandingSaysWhatTheNextLevelNeeds() throws {
        let ladder = try Self.ladder()
        let silver = TierState(holder: .member("ann"), ladderID: "partners", levelID: "silver", since: Timestamp(millisecondsSinceEpoch: 0))
        let standing = TierStanding(ladder: ladder, state: silver, qualifying: 18_800)
        #expect(standing.level.id == "silver")
        #expect(standing.next?.level.id == "gold" && standing.next?.needed == 1_200)
        let top = TierStanding(ladder: ladder, state: TierState(holder: .member("ann"), ladderID: "partners", levelID: "platinum",
                                                                 since: Timestamp(millisecondsSinceEpoch: 0)), qualifying: 10)
        #expect(top.next == nil)
    }

    @Test func windowsAreHalfOpenAndEndWithTheInstant() throws {
        let instant = try #require(RFC3339.parse("2026-03-10T12:00:00Z"))
        #expect(TierWindow.lifetime.bounds(at: instant, in: .utc).from == nil)
        #expect(TierWindow.calendarYear.bounds(at: instant, in: .utc).from == RFC3339.parse("2026-01-01T00:00:00Z"))
        let rolling = TierWindow.rollingDays(1).bounds(at: instant, in: .utc)
        #expect(rolling.from == instant.adding(milliseconds: 1 - 86_400_000))
        #expect(rolling.until == instant.adding(milliseconds: 1))
    }
}

import Engine
import Testing

/// The review's decisions and dates, pure.
@Suite struct TierReviewTests {
    static func at(_ text: String) -> Timestamp { RFC3339.parse(text)! }
    static let review = at("2027-01-01T00:00:00Z")

    @Test func aHolderThatKeepsItsLevelIsKeptAndPolicyNeverNeverDowngrades() {
        let atReview = TierDowngrade(policy: .atReview, graceDays: 30)
        #expect(TierReview.review(heldIndex: 2, qualifiedIndex: 2, downgrade: atReview, reviewAt: Self.review) == .keep)
        #expect(TierReview.review(heldIndex: 1, qualifiedIndex: 3, downgrade: atReview, reviewAt: Self.review) == .keep)
        #expect(TierReview.review(heldIndex: 3, qualifiedIndex: 0, downgrade: TierDowngrade(policy: .never), reviewAt: Self.review) == .keep)
    }

    @Test func graceIsCountedFromTheReviewAndNoGraceDowngradesAtOnce() {
        #expect(TierReview.review(heldIndex: 2, qualifiedIndex: 1, downgrade: TierDowngrade(policy: .atReview, graceDays: 30), reviewAt: Self.review)
                == .watch(until: Self.at("2027-01-31T00:00:00Z")))
        #expect(TierReview.review(heldIndex: 2, qualifiedIndex: 0, downgrade: TierDowngrade(policy: .atReview), reviewAt: Self.review)
                == .downgrade(toIndex: 0))
    }

    @Test func atTheEndOfGraceTheBetterMeasurementWinsAndAChangedLevelEndsTheWatch() {
        #expect(TierReview.settle(heldIndex: 2, watchedIndex: 2, reviewQualifiedIndex: 0, nowQualifiedIndex: 1) == .downgrade(toIndex: 1))
        #expect(TierReview.settle(heldIndex: 2, watchedIndex: 2, reviewQualifiedIndex: 1, nowQualifiedIndex: 0) == .downgrade(toIndex: 1))
        #expect(TierReview.settle(heldIndex: 2, watchedIndex: 2, reviewQualifiedIndex: 0, nowQualifiedIndex: 2) == .keep)
        #expect(TierReview.settle(heldIndex: 3, watchedIndex: 2, reviewQualifiedIndex: 0, nowQualifiedIndex: 0) == .keep)
    }

    @Test func reviewsFallOnTheStartOfTheNextPeriodStrictlyAfterTheInstant() {
        let mid = Self.at("2026-05-17T08:30:00Z")
        #expect(TierReviewPeriod.month.nextReview(after: mid, in: .utc) == Self.at("2026-06-01T00:00:00Z"))
        #expect(TierReviewPeriod.quarter.nextReview(after: mid, in: .utc) == Self.at("2026-07-01T00:00:00Z"))
        #expect(TierReviewPeriod.year.nextReview(after: mid, in: .utc) == Self.at("2027-01-01T00:00:00Z"))
        #expect(TierReviewPeriod.month.nextReview(after: Self.at("2026-06-01T00:00:00Z"), in: .utc) == Self.at("2026-07-01T00:00:00Z"))
        #expect(TierReviewPeriod.year.nextReview(after: Self.at("2026-12-31T23:59:59.999Z"), in: .utc) == Self.review)
        #expect(TierReview.measuredAt(review: Self.review) == Self.at("2026-12-31T23:59:59.999Z"))
    }
}

/// Levels with several criteria: parsing with paths, evaluation (AND), progress.
@Suite struct TierCriteriaTests {
    static let body: JSONValue = [
        "subject": "organization", "currency": "points", "window": "lifetime",
        "levels": [
            ["id": "registered", "threshold": 0],
            ["id": "silver", "threshold": 5000],
            ["id": "gold", "criteria": [
                ["currency": "status_credits", "window": "rolling_365d", "min": 20000],
                ["members_with_badge": "certified", "min": 3],
                ["attribute": "supplier_score", "min": 80],
            ], "benefits": ["multiplier": 1.5]],
        ],
        "downgrade": ["policy": "at_review", "grace_days": 30, "review": "quarter"],
    ]

    static func ladder() throws -> TierLadder {
        let at = Timestamp(millisecondsSinceEpoch: 0)
        return try #require(TierLadder.fromDefinition(body, id: "partners", createdAt: at, updatedAt: at))
    }

    static let credits = TierCriterion.Measure.earned(currency: "status_credits", window: .rollingDays(365))
    static let points = TierCriterion.Measure.earned(currency: "points", window: .lifetime)

    @Test func theDesignExampleParsesAndRoundTrips() throws {
        let ladder = try Self.ladder()
        #expect(ladder.levels[2].criteria == [
            TierCriterion(Self.credits, min: 20000), TierCriterion(.membersWithBadge("certified"), min: 3),
            TierCriterion(.attribute("supplier_score"), min: 80),
        ])
        #expect(ladder.downgrade.review == .quarter)
        #expect(TierLadder.fromDefinition(ladder.definitionJSON, id: ladder.id, createdAt: ladder.createdAt, updatedAt: ladder.updatedAt) == ladder)
        #expect(ladder.measures == [Self.points, Self.credits, .membersWithBadge("certified"), .attribute("supplier_score")])
    }

    @Test func aLevelWithCriteriaNeedsAllOfThem() throws {
        let ladder = try Self.ladder()
        let all: [TierCriterion.Measure: Int64] = [Self.credits: 20000, .membersWithBadge("certified"): 3, .attribute("supplier_score"): 80]
        #expect(ladder.levelIndex(measured: all) == 2)
        var short = all
        short[.membersWithBadge("certified")] = 2
        #expect(ladder.levelIndex(measured: short) == 0)
        short[Self.points] = 6000
        #expect(ladder.levelIndex(measured: short) == 1)
        #expect(TierKeeper.upgradeTarget(ladder, storedLevelID: "silver", measured: all)?.id == "gold")
        #expect(TierKeeper.upgradeTarget(ladder, storedLevelID: "gold", measured: short) == nil)
    }

    @Test func theStandingShowsProgressPerCriterionAndWhatKeepingNeeds() throws {
        let ladder = try Self.ladder()
        let state = TierState(holder: .organization("acme"), ladderID: "partners", levelID: "silver", since: Timestamp(millisecondsSinceEpoch: 0))
        let standing = TierStanding(ladder: ladder, state: state, measured: [
            Self.points: 6000, Self.credits: 18800, .membersWithBadge("certified"): 2, .attribute("supplier_score"): 91,
        ])
        let json = try #require(standing.json.objectValue)
        let next = try #require(json["next"]?.objectValue)
        #expect(next["level"] == "gold")
        let needed = next["criteria"]?.arrayValue?.map { $0.objectValue?["needed"] }
        #expect(needed == [.int(1200), .int(1), .int(0)])
        let keep = try #require(json["keep"]?.objectValue)
        #expect(keep["met"] == true && keep["level"] == "silver")
        #expect(keep["criteria"]?.arrayValue?.first?.objectValue?["min"] == 5000)
    }

    @Test func everyCriteriaProblemIsReportedWithItsPath() {
        #expect(paths { _ = try TierLadderDraft.parse([
            "subject": "member", "currency": "points", "window": "lifetime",
            "levels": [
                ["id": "a", "criteria": [["attribute": "x", "min": 1]]],
                ["id": "b", "threshold": 5, "criteria": [["currency": "points", "attribute": "y", "min": 1]]],
                ["id": "c", "criteria": [["members_with_badge": "certified", "min": -1], ["currency": "points", "window": "weekly", "min": 1],
                                         ["attribute": "score"], 7, ["attribute": "z", "window": "lifetime", "min": 1]]],
                ["id": "d", "criteria": []],
                ["id": "e", "criteria": [["members_with_badge": "certified", "min": 2]]],
            ],
            "downgrade": ["policy": "at_review", "review": "weekly"],
        ], id: "t") }.sorted() == [
            "$.downgrade.review",
            "$.levels[0].criteria",
            "$.levels[1].criteria[0]",
            "$.levels[1].threshold",
            "$.levels[2].criteria[0].members_with_badge",
            "$.levels[2].criteria[0].min",
            "$.levels[2].criteria[1].window",
            "$.levels[2].criteria[2].min",
            "$.levels[2].criteria[3]",
            "$.levels[2].criteria[4].window",
            "$.levels[3].criteria",
            "$.levels[4].criteria[0].members_with_badge",
        ])
    }
}

/// The job runner's pure parts: backoff and how a step moves a job.
@Suite struct JobRunnerTests {
    @Test func backoffDoublesFromOneSecondUpToAnHour() {
        #expect((1...4).map { JobRunner.backoffMs(attempts: $0) } == [1_000, 2_000, 4_000, 8_000])
        #expect(JobRunner.backoffMs(attempts: 13) == JobRunner.backoffMaxMs)
        #expect(JobRunner.backoffMs(attempts: 10_000) == JobRunner.backoffMaxMs)
    }
}

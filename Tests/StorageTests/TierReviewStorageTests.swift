import Engine
import SQLite
import Testing
@testable import Storage

/// Tier reviews run by the scheduler over real SQL: holders short of their level at the review
/// are at risk until the grace days end, then moved down unless they requalified; others keep.
@Suite struct TierReviewStorageTests {
    static let ladder: JSONValue = [
        "subject": "member", "currency": "points", "window": "rolling_30d",
        "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 1000]],
        "downgrade": ["policy": "at_review", "grace_days": 10, "review": "month"],
    ]
    static func day(_ text: String) -> Timestamp { RFC3339.parse(text)! }
    static let policies = ["points": LedgerCurrencyPolicy(redeemable: true, expiry: .never, pendingDays: 0)]

    static func earn(_ amount: Int64, _ member: String, at: Timestamp, in db: TestDatabase) throws {
        _ = try db.write { store in
            try Ledger(store: store, policies: policies).earn(amount, "points", to: .member(member), at: at)
            return try TierKeeper.upgrade([.member(member)], at: at, timeZone: .utc, in: store)
        }
    }

    static func level(_ member: String, in db: TestDatabase) throws -> String? {
        try db.read { try $0.tierState(holder: .member(member), ladderID: "partners")?.levelID }
    }

    static func runAll(at now: Timestamp, in db: TestDatabase) throws -> [JobRunner.Run] {
        var runs: [JobRunner.Run] = []
        while let run = try db.write({ try JobRunner.runNext(now: now, settings: JobSettings(), in: $0) }) { runs.append(run) }
        return runs
    }

    @Test func aShortHolderIsAtRiskForTheGraceDaysThenDowngradedUnlessItRequalified() throws {
        let db = try TestDatabase()
        _ = try db.write { try CurrencyCommands.put("points", try CurrencyDraft.parse(["name": "Points"], id: "points"), context: change(), in: $0) }
        _ = try db.write { try TierCommands.put("partners", try TierLadderDraft.parse(Self.ladder, id: "partners"), context: change(), in: $0) }
        // ann and carol reach silver on Jan 1, outside the 30 days the Feb 1 review measures; bob on Jan 20.
        try Self.earn(1000, "ann", at: Self.day("2026-01-01T10:00:00Z"), in: db)
        try Self.earn(1000, "carol", at: Self.day("2026-01-01T10:00:00Z"), in: db)
        try Self.earn(1000, "bob", at: Self.day("2026-01-20T10:00:00Z"), in: db)
        #expect(try ["ann", "bob", "carol"].map { try Self.level($0, in: db) } == ["silver", "silver", "silver"])

        _ = try Self.runAll(at: Self.day("2026-01-15T00:00:00Z"), in: db)
        let planned = try #require(try db.read { try $0.job(key: "tier.review:partners") })
        #expect(planned.dueAt == Self.day("2026-02-01T00:00:00Z"))

        let review = try Self.runAll(at: Self.day("2026-02-01T00:00:00Z"), in: db).filter { $0.kind == .tierReview }
        #expect(review.map(\.result) == [["kept": 1, "at_risk": 2, "downgraded": 0]])
        let watch = try #require(try db.read { try $0.tierWatch(holder: .member("ann"), ladderID: "partners") })
        #expect(watch.atRiskUntil == Self.day("2026-02-11T00:00:00Z") && watch.levelID == "silver" && watch.reviewLevelID == "bronze")
        let settling = try #require(try db.read { try $0.job(key: "tier.review:partners") })
        #expect(settling.dueAt == watch.atRiskUntil && settling.payload["phase"] == "settle")
        let standing = try db.read { try TierCommands.standing(of: .member("ann"), at: Self.day("2026-02-02T00:00:00Z"), timeZone: .utc, in: $0) }
        let annStanding = try #require(standing.objectValue?["tiers"]?.arrayValue?.first?.objectValue)
        #expect(annStanding["at_risk_until"] == "2026-02-11T00:00:00.000Z")
        #expect(annStanding["keep"]?.objectValue?["met"] == false)

        // ann requalifies within the grace days; carol does not.
        try Self.earn(1000, "ann", at: Self.day("2026-02-05T10:00:00Z"), in: db)
        #expect(try Self.runAll(at: Self.day("2026-02-10T23:59:59Z"), in: db).filter { $0.kind == .tierReview }.isEmpty)
        let settle = try Self.runAll(at: Self.day("2026-02-11T00:00:00Z"), in: db).filter { $0.kind == .tierReview }
        #expect(settle.map(\.result) == [["kept": 1, "at_risk": 0, "downgraded": 1]])
        #expect(try ["ann", "bob", "carol"].map { try Self.level($0, in: db) } == ["silver", "silver", "bronze"])
        let changes = try db.read { try $0.tierChanges(holder: .member("carol"), ladderID: "partners", limit: 10) }
        #expect(changes == [TierChange(holder: .member("carol"), ladderID: "partners", from: "silver", to: "bronze",
                                       at: Self.day("2026-02-11T00:00:00Z"), reason: "review")])
        #expect(try db.read { try $0.tierState(holder: .member("carol"), ladderID: "partners")?.since } == Self.day("2026-02-11T00:00:00Z"))
        #expect(try db.read { try $0.tierWatches(ladderID: "partners", afterHolder: nil, limit: 10) }.isEmpty)
        let next = try #require(try db.read { try $0.job(key: "tier.review:partners") })
        #expect(next.dueAt == Self.day("2026-03-01T00:00:00Z") && next.payload["phase"] == "review")
    }

    @Test func policyNeverHasNoReviewAndAReviewJobOfADeletedLadderFinishes() throws {
        let db = try TestDatabase()
        _ = try db.write { try CurrencyCommands.put("points", try CurrencyDraft.parse(["name": "Points"], id: "points"), context: change(), in: $0) }
        var never = Self.ladder.objectValue!
        never["downgrade"] = ["policy": "never"]
        let calm = try TierLadderDraft.parse(.object(never), id: "calm")
        _ = try db.write { try TierCommands.put("calm", calm, context: change(), in: $0) }
        _ = try db.write { try TierCommands.put("partners", try TierLadderDraft.parse(Self.ladder, id: "partners"), context: change(), in: $0) }
        _ = try Self.runAll(at: Self.day("2026-01-15T00:00:00Z"), in: db)
        #expect(try db.read { try $0.job(key: "tier.review:calm") } == nil)
        try db.write { try TierCommands.delete("partners", context: change(), in: $0) }
        let runs = try Self.runAll(at: Self.day("2026-02-01T00:00:00Z"), in: db).filter { $0.kind == .tierReview }
        #expect(runs.map(\.outcome) == ["finished"])
        #expect(try db.read { try $0.job(key: "tier.review:partners") }?.state == .done)
        // The same id defined again is reviewed again.
        _ = try db.write { try TierCommands.put("partners", try TierLadderDraft.parse(Self.ladder, id: "partners"), context: change(), in: $0) }
        _ = try Self.runAll(at: Self.day("2026-02-02T00:00:00Z"), in: db)
        let again = try #require(try db.read { try $0.job(key: "tier.review:partners") })
        #expect(again.state == .scheduled && again.dueAt == Self.day("2026-03-01T00:00:00Z"))
    }

    @Test func inANamedZoneReviewsFallAtLocalMidnightAndCalendarYearsStartAtLocalNewYear() throws {
        let berlin = try #require(ProgramTimeZone.named("Europe/Berlin"))
        let settings = { var settings = JobSettings(); settings.timeZone = berlin; return settings }()
        let db = try TestDatabase()
        _ = try db.write { try CurrencyCommands.put("points", try CurrencyDraft.parse(["name": "Points"], id: "points"), context: change(), in: $0) }
        var object = Self.ladder.objectValue!
        object["window"] = "calendar_year"
        object["downgrade"] = ["policy": "at_review", "grace_days": 0, "review": "month"]
        let draft = try TierLadderDraft.parse(.object(object), id: "partners")
        _ = try db.write { try TierCommands.put("partners", draft, context: change(), in: $0) }
        func runAll(at now: Timestamp) throws {
            while try db.write({ try JobRunner.runNext(now: now, settings: settings, in: $0) }) != nil {}
        }
        // April begins in Berlin at 22:00 UTC on 31 March (summer time); May likewise on 30 April.
        try runAll(at: Self.day("2026-03-15T00:00:00Z"))
        #expect(try db.read { try $0.job(key: "tier.review:partners") }?.dueAt == Self.day("2026-03-31T22:00:00Z"))
        try runAll(at: Self.day("2026-03-31T22:00:00Z"))
        #expect(try db.read { try $0.job(key: "tier.review:partners") }?.dueAt == Self.day("2026-04-30T22:00:00Z"))

        // 23:30 UTC on New Year's Eve is already the new year in Berlin, not in UTC.
        _ = try db.write { try Ledger(store: $0, policies: Self.policies).earn(1000, "points", to: .member("ann"), at: Self.day("2025-12-31T23:30:00Z")) }
        let stored = try #require(try db.read { try $0.tierLadder(id: "partners") })
        let at = Self.day("2026-06-01T00:00:00Z")
        let local = try db.read { try TierMeasurer.measure(.member("ann"), on: stored, at: at, timeZone: berlin, in: $0) }
        let utc = try db.read { try TierMeasurer.measure(.member("ann"), on: stored, at: at, timeZone: .utc, in: $0) }
        #expect(local.values.first == 1000)
        #expect(utc.values.first == 0)
        let standing = try db.read { try TierCommands.standing(of: .member("ann"), at: at, timeZone: berlin, in: $0) }
        #expect(standing.objectValue?["tiers"]?.arrayValue?.first?.objectValue?["next_review_at"] == "2026-06-30T22:00:00.000Z")
    }
}

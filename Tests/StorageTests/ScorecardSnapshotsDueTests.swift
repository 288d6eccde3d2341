import Engine
import Testing

/// Which closed months are due for a snapshot: every one missed since the template existed, back
/// to a bound, oldest first, and none older than the latest one taken.
@Suite struct ScorecardSnapshotsDueTests {
    static let january10: Int64 = 1_768_003_200_000   // 2026-01-10T00:00:00Z
    static let april5: Int64 = 1_775_347_200_000      // 2026-04-05T00:00:00Z
    static let june2024: Int64 = 1_717_200_000_000    // 2024-06-01T00:00:00Z

    static func template(createdAt: Int64) throws -> ScorecardTemplate {
        let text = """
            {"name": "t", "window_days": 365, "kpis": [{"id": "service", "kind": "rating", "dimension": "service", "weight": 1, "target": 80}],
             "bands": [{"id": "all", "min": 0}]}
            """
        return try ScorecardTemplateDraft.parse(try JSONParser.parse(text), id: "t").template(id: "t", createdAt: at(createdAt), updatedAt: at(createdAt))
    }

    static func due(_ db: TestDatabase) throws -> [String] {
        try db.read { try ScorecardSnapshots.due(now: at(april5), timeZone: .utc, in: $0) }.map(\.period)
    }

    @Test func monthsMissedWhileDownAreAllDueOldestFirstAndEachIsTakenOnce() throws {
        let db = try TestDatabase()
        try db.write { try $0.save(try Self.template(createdAt: Self.january10)) }
        #expect(try Self.due(db) == ["2026-01", "2026-02", "2026-03"])
        let context = ChangeContext(principal: nil, at: at(Self.april5), requestID: nil)
        for due in try db.read({ try ScorecardSnapshots.due(now: at(Self.april5), timeZone: .utc, in: $0) }).prefix(2) {
            _ = try db.write { try ScorecardSnapshots.take(due, context: context, in: $0) }
        }
        #expect(try Self.due(db) == ["2026-03"], "a run cut short: the newest is left, the older ones are not asked again")
    }

    @Test func aTemplateOlderThanTheBoundMakesUpOnlyTheLastMonthsOfIt() throws {
        let db = try TestDatabase()
        try db.write { try $0.save(try Self.template(createdAt: Self.june2024)) }
        let due = try Self.due(db)
        #expect(due.count == ScorecardSnapshots.missedMonthsMax && due.first == "2025-04" && due.last == "2026-03")
    }
}

import Engine
import Testing
import TestRandom

/// The in-memory scorecards agree with scoring straight from the store, whatever happens: new
/// interactions (late, backdated, in the future), disputes opening, voiding and upholding, time
/// moving on so that interactions leave the window, and a template redefined.
@Suite struct ScorecardIndexStorageTests {
    static let day: Int64 = 86_400_000
    static let start: Int64 = 1_800_000_000_000

    static func template(windowDays: Int, updatedAt: Int64 = start) throws -> ScorecardTemplate {
        let text = """
            {"name": "t", "window_days": \(windowDays), "half_life_days": 5, "min_interactions": 2, "prior": {"mean": 60, "weight": 2},
             "kpis": [{"id": "time", "kind": "on_time", "weight": 50, "target": 90, "lateness": [{"hours_late": 24, "score": 40}]},
                      {"id": "service", "kind": "rating", "dimension": "service", "weight": 50, "target": 80}],
             "bands": [{"id": "good", "min": 70}, {"id": "poor", "min": 0}]}
            """
        return try ScorecardTemplateDraft.parse(try JSONParser.parse(text), id: "t").template(id: "t", createdAt: at(start), updatedAt: at(updatedAt))
    }

    /// Rank, supplier, interactions and overall score of every entry.
    static func summary(_ ranking: ScorecardRanking) -> [String] {
        ranking.entries.map { "\($0.rank) \($0.scorecard.supplierID) \($0.scorecard.interactions) \(String(format: "%.9f", $0.scorecard.overall ?? -1))" }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theIndexRanksAsTheStoreDoesThroughRandomHistories(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let db = try TestDatabase()
        var template = try Self.template(windowDays: 20)
        try db.write { [template] in try $0.save(template) }
        let index = ScorecardIndex()
        var now = Self.start
        var recorded: [String] = []
        var openDisputes: [String: String] = [:]
        for step in 0..<120 {
            switch random.below(10) {
            case 0..<6:
                let id = "i-\(step)"
                let completed = now - Int64(random.below(25)) * Self.day + Int64(random.below(3)) * Self.day / 2
                let interaction = Interaction(
                    id: id, supplierID: random.pick(["a", "b", "c", "d"]), templateID: "t",
                    dueAt: at(completed - Int64(random.below(48) - 24) * 3_600_000), completedAt: at(completed),
                    ratings: random.below(4) == 0 ? [:] : ["service": Int64(1 + random.below(5))], recordedAt: at(now))
                try db.write { try $0.insert(interaction, answer: [:]) }
                recorded.append(id)
            case 6..<8 where !recorded.isEmpty:
                // Open a dispute, or decide the open one.
                let target = random.pick(recorded)
                let open = openDisputes[target]
                let dispute = Dispute(
                    id: open ?? "d-\(step)", subject: .interaction, subjectID: target, organizationID: nil, reason: "r",
                    status: open == nil ? .open : random.pick([.voided, .upheld]), openedBy: nil, openedAt: at(now))
                openDisputes[target] = open == nil ? dispute.id : nil
                try db.write { try $0.save(dispute) }
            case 8:
                now += Int64(1 + random.below(4)) * Self.day
            default:
                if random.below(4) == 0 {
                    template = try Self.template(windowDays: 10 + random.below(20), updatedAt: now)
                    try db.write { [template] in try $0.save(template) }
                }
            }
            let moment = at(now)
            let (fromIndex, fromStore) = try db.read { [template] store in
                (try index.ranking(template, now: moment, in: store), try ScorecardRanking.rank(template, now: moment, in: store))
            }
            #expect(Self.summary(fromIndex) == Self.summary(fromStore), "step \(step), seed \(seed)")
        }
    }

    @Test func aClockSetBackReloadsWhatHadLeftTheWindow() throws {
        let db = try TestDatabase()
        let template = try Self.template(windowDays: 10)
        try db.write { try $0.save(template) }
        try db.write { store in
            try store.insert(Interaction(id: "x", supplierID: "a", templateID: "t", completedAt: at(Self.start), ratings: ["service": 5],
                                         recordedAt: at(Self.start)), answer: [:])
        }
        let index = ScorecardIndex()
        let later = at(Self.start + 11 * Self.day)
        #expect(try db.read { try index.ranking(template, now: later, in: $0) }.entries.isEmpty, "out of the window")
        #expect(try db.read { try index.ranking(template, now: at(Self.start + Self.day), in: $0) }.entries.count == 1)
    }
}

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
        ranking.entries.map { "\($0.rank) \($0.supplierID) \($0.interactions) \(String(format: "%.9f", $0.overall ?? -1)) \($0.band?.id ?? "-")" }
    }

    /// The same scorecard, its numbers to 1e-9 (rounded for display they can differ at a .x5).
    static func agree(_ lhs: Scorecard?, _ rhs: Scorecard?) -> Bool {
        guard let lhs, let rhs else { return lhs == nil && rhs == nil }
        func close(_ a: Double?, _ b: Double?) -> Bool { a == nil ? b == nil : b.map { abs($0 - a!) < 1e-9 } ?? false }
        return lhs.interactions == rhs.interactions && lhs.band == rhs.band && close(lhs.overall, rhs.overall)
            && lhs.kpis.count == rhs.kpis.count && zip(lhs.kpis, rhs.kpis).allSatisfy { a, b in
                a.sampleSize == b.sampleSize && close(a.value, b.value) && close(a.score, b.score)
                    && a.pulledDownBy.map(\.id) == b.pulledDownBy.map(\.id)
            }
    }

    /// Opens a dispute about the interaction, or when one is open, voids or upholds it.
    static func disputeOrDecide(
        _ interactionID: String, _ random: inout SplitMix64, open openDisputes: inout [String: String], id: String, now: Int64, in db: TestDatabase
    ) throws {
        let open = openDisputes[interactionID]
        let dispute = Dispute(
            id: open ?? id, subject: .interaction, subjectID: interactionID, organizationID: nil, reason: "r",
            status: open == nil ? .open : random.pick([.voided, .upheld]), openedBy: nil, openedAt: at(now))
        openDisputes[interactionID] = open == nil ? dispute.id : nil
        try db.write { try $0.save(dispute) }
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
                try db.write { try $0.insert(interaction, answer: Array("{}".utf8)) }
                recorded.append(id)
            case 6..<8 where !recorded.isEmpty:
                try Self.disputeOrDecide(random.pick(recorded), &random, open: &openDisputes, id: "d-\(step)", now: now, in: db)
            case 8:
                now += Int64(1 + random.below(4)) * Self.day
            default:
                if random.below(4) == 0 {
                    template = try Self.template(windowDays: 10 + random.below(20), updatedAt: now)
                    try db.write { [template] in try $0.save(template) }
                }
            }
            let moment = at(now)
            let supplier = random.pick(["a", "b", "c", "d"])
            let (fromIndex, fromStore, card, cards) = try db.read { [template] store in
                (try index.ranking(template, now: moment, in: store), ScorecardRanking.ordered(template, cards: try ScorecardRanking.cards(template, now: moment, in: store)),
                 try index.scorecard(of: supplier, template, now: moment, in: store), try ScorecardRanking.cards(template, now: moment, in: store))
            }
            #expect(Self.summary(fromIndex) == Self.summary(fromStore), "step \(step), seed \(seed)")
            #expect(Self.summary(card.ranking) == Self.summary(fromStore))
            // Sums kept from an earlier moment and decayed since differ from fresh ones in the last bits only.
            let got = card.card.flatMap { $0.interactions > 0 ? $0 : nil }
            let expected = cards.first { $0.supplierID == supplier }
            #expect(Self.agree(got, expected), "\(supplier)'s scorecard, step \(step), seed \(seed)")
        }
    }

    @Test func aClockSetBackReloadsWhatHadLeftTheWindow() throws {
        let db = try TestDatabase()
        let template = try Self.template(windowDays: 10)
        try db.write { try $0.save(template) }
        try db.write { store in
            try store.insert(Interaction(id: "x", supplierID: "a", templateID: "t", completedAt: at(Self.start), ratings: ["service": 5],
                                         recordedAt: at(Self.start)), answer: Array("{}".utf8))
        }
        let index = ScorecardIndex()
        let later = at(Self.start + 11 * Self.day)
        #expect(try db.read { try index.ranking(template, now: later, in: $0) }.entries.isEmpty, "out of the window")
        #expect(try db.read { try index.ranking(template, now: at(Self.start + Self.day), in: $0) }.entries.count == 1)
    }

    @Test func aRenderedRankingIsReusedOnlyWhileNothingItShowsChanged() throws {
        let db = try TestDatabase()
        var template = try Self.template(windowDays: 10)
        try db.write { [template] in try $0.save(template) }
        try db.putOrganization("a", try organization("a", name: "Alpha", kind: "supplier"))
        let record = { (id: String, moment: Int64) in
            try db.write { store in
                try store.insert(Interaction(id: id, supplierID: "a", templateID: "t", completedAt: at(moment), ratings: ["service": 4],
                                             recordedAt: at(moment)), answer: Array("{}".utf8))
            }
        }
        try record("x", Self.start)
        let index = ScorecardIndex()
        var renders = 0
        let read = { (moment: Int64, format: String) throws -> [UInt8] in
            try db.read { [template] store in
                try index.rendered(template, format: format, now: at(moment), in: store) { ranking in
                    renders += 1
                    let names = try store.organizationNames(ids: ranking.entries.map(\.supplierID))
                    return Array(ranking.entries.map { "\($0.supplierID) \(names[$0.supplierID] ?? "") \($0.interactions)" }.joined().utf8)
                }
            }
        }
        let first = try read(Self.start + 10, "json")
        #expect(String(decoding: first, as: UTF8.self) == "a Alpha 1" && renders == 1)
        #expect(try read(Self.start + 900, "json") == first && renders == 1, "within a second and nothing written: the same bytes")
        #expect(try read(Self.start + 5, "json") == first && renders == 1, "a read that arrived a little out of order too")
        _ = try read(Self.start + 20, "csv")
        #expect(renders == 2, "each format is its own rendering")
        _ = try read(Self.start + 1_010, "json")
        #expect(renders == 3, "a second on: rendered again")

        try record("y", Self.start)
        #expect(String(decoding: try read(Self.start + 1_020, "json"), as: UTF8.self) == "a Alpha 2" && renders == 4, "a new interaction")
        try db.putOrganization("a", try organization("a", name: "Alpha Legal", kind: "supplier"))
        #expect(String(decoding: try read(Self.start + 1_030, "json"), as: UTF8.self) == "a Alpha Legal 2" && renders == 5, "a new name")
        template = try Self.template(windowDays: 12, updatedAt: Self.start + 1)
        try db.write { [template] in try $0.save(template) }
        _ = try read(Self.start + 1_040, "json")
        #expect(renders == 6, "a changed template")
        _ = try read(Self.start + 1_050, "json")
        #expect(renders == 6)
    }

    @Test func theRefresherLoadsEveryTemplateAndForgetsDeletedOnes() throws {
        let db = try TestDatabase()
        let template = try Self.template(windowDays: 10)
        try db.write { try $0.save(template) }
        try db.write { store in
            try store.insert(Interaction(id: "x", supplierID: "a", templateID: "t", completedAt: at(Self.start), ratings: ["service": 5],
                                         recordedAt: at(Self.start)), answer: Array("{}".utf8))
        }
        let index = ScorecardIndex()
        #expect(index.folded(supplierID: "a", template: template, at: at(Self.start)) == nil, "nothing loaded before a read or a refresh")
        try db.read { try index.refresh(now: at(Self.start + 1), in: $0) }
        let loaded = index.folded(supplierID: "a", template: template, at: at(Self.start + 1))
        #expect(loaded?.interactions.map(\.id) == ["x"])
        try db.write { try $0.deleteScorecardTemplate(id: "t") }
        try db.read { try index.refresh(now: at(Self.start + 2), in: $0) }
        #expect(index.folded(supplierID: "a", template: template, at: at(Self.start + 2)) == nil, "a deleted template's book is gone")
    }

    static func record(_ id: String, supplier: String, in db: TestDatabase) throws {
        try db.write { store in
            try store.insert(Interaction(id: id, supplierID: supplier, templateID: "t", completedAt: at(start), ratings: ["service": 5],
                                         recordedAt: at(start)), answer: Array("{}".utf8))
        }
    }

    @Test func aFoldAfterCommitsBringsTheLoadedBooksUpToTheLogAndLoadsNothing() throws {
        let db = try TestDatabase()
        let template = try Self.template(windowDays: 10)
        try db.write { try $0.save(template) }
        try Self.record("x", supplier: "a", in: db)
        let index = ScorecardIndex()
        try db.read { try index.catchUp(in: $0) }
        #expect(index.folded(supplierID: "a", template: template, at: at(Self.start)) == nil, "no book is loaded by a fold")
        try db.read { try index.refresh(now: at(Self.start), in: $0) }
        let before = index.folded(supplierID: "a", template: template, at: at(Self.start))
        try Self.record("y", supplier: "a", in: db)
        try Self.record("z", supplier: "b", in: db)
        #expect(index.folded(supplierID: "a", template: template, at: at(Self.start))?.interactions.map(\.id) == ["x"])
        try db.read { try index.catchUp(in: $0) }
        let after = index.folded(supplierID: "a", template: template, at: at(Self.start))
        #expect(after?.interactions.map(\.id) == ["x", "y"])
        #expect(index.folded(supplierID: "b", template: template, at: at(Self.start))?.interactions.map(\.id) == ["z"])
        #expect(after.map(\.cursor) == before.map { $0.cursor + 2 }, "the cursor moved past both rows")
    }

    @Test func theWriterWalksTheLogTailOnlyUpToItsBound() throws {
        let db = try TestDatabase()
        let template = try Self.template(windowDays: 10)
        try db.write { try $0.save(template) }
        for (id, supplier) in [("x", "a"), ("y", "b"), ("z", "a")] { try Self.record(id, supplier: supplier, in: db) }
        try db.write { try $0.save(Dispute(id: "d", subject: .interaction, subjectID: "x", organizationID: nil, reason: "r", status: .open,
                                           openedBy: nil, openedAt: at(Self.start))) }
        let (changed, bounded, none) = try db.read { store in
            (try store.interactionLog(after: 0, supplierID: "a", templateID: "t", rowsMax: 4),
             try store.interactionLog(after: 0, supplierID: "a", templateID: "t", rowsMax: 3),
             try store.interactionLog(after: 4, supplierID: "a", templateID: "t", rowsMax: 0))
        }
        #expect(changed?.map(\.id).sorted() == ["x", "z"], "logged twice (recorded, disputed), listed once")
        #expect(changed?.first { $0.id == "x" }?.status == .disputed, "as it is now")
        #expect(bounded == nil, "four rows follow: past the bound, the writer reads the window instead")
        #expect(none?.isEmpty == true)
    }
}

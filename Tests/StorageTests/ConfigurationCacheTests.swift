import Engine
import Testing
@testable import Storage

/// Tier ladders are decoded once and shared between stores (`ConfigurationCache`); every store
/// must still see exactly what its own transaction sees.
@Suite struct ConfigurationCacheTests {
    struct Refused: Error {}

    static func ladder(gold threshold: Int64) throws -> TierLadderDraft {
        let document: JSONValue = [
            "subject": "member", "currency": "points", "window": "lifetime",
            "levels": [["id": "bronze", "threshold": 0], ["id": "gold", "threshold": .int(threshold)]],
        ]
        return try TierLadderDraft.parse(document, id: "partners")
    }

    private func put(_ db: TestDatabase, gold threshold: Int64, at time: Int64) throws {
        let draft = try Self.ladder(gold: threshold)
        _ = try db.write { try TierCommands.put("partners", draft, context: change(at: time), in: $0) }
    }

    private func goldThreshold(_ store: any StoreReader) throws -> Int64? {
        try store.tierLadders(subject: .member).first?.levels.last?.threshold
    }

    @Test func aChangedScorecardTemplateIsSeenByTheNextReadAndWrite() throws {
        let db = try TestDatabase()
        let window = { (store: any StoreReader) throws -> Int64? in try store.scorecardTemplate(id: "t")?.windowDays }
        #expect(try db.read(window) == nil)
        try db.write { try $0.save(try ScorecardIndexStorageTests.template(windowDays: 20)) }
        #expect(try db.read(window) == 20)
        try db.write { try $0.save(try ScorecardIndexStorageTests.template(windowDays: 30, updatedAt: ScorecardIndexStorageTests.start + 1)) }
        #expect(try db.read(window) == 30)
        #expect(try db.write { try $0.scorecardTemplate(id: "t")?.windowDays } == 30)
        try db.write { try $0.deleteScorecardTemplate(id: "t") }
        #expect(try db.read(window) == nil)
    }

    @Test func aChangedLadderIsSeenByTheNextReadAndWrite() throws {
        let db = try TestDatabase()
        let draft = try CurrencyDraft.parse(["name": "Points"], id: "points")
        _ = try db.write { try CurrencyCommands.put("points", draft, context: change(), in: $0) }
        try put(db, gold: 100, at: 5_000)
        #expect(try db.read(goldThreshold) == 100)
        #expect(try db.write { try goldThreshold($0) } == 100)
        try put(db, gold: 250, at: 6_000)
        #expect(try db.read(goldThreshold) == 250)
        #expect(try db.write { try goldThreshold($0) } == 250)
        _ = try db.write { try TierCommands.delete("partners", context: change(at: 7_000), in: $0) }
        #expect(try db.read { try $0.tierLadders(subject: .member) }.isEmpty)
    }

    @Test func aLadderReadInsideAWriteThatRolledBackIsNotServedAfterwards() throws {
        let db = try TestDatabase()
        let draft = try CurrencyDraft.parse(["name": "Points"], id: "points")
        _ = try db.write { try CurrencyCommands.put("points", draft, context: change(), in: $0) }
        try put(db, gold: 100, at: 5_000)
        #expect(try db.read(goldThreshold) == 100)
        let changed = try Self.ladder(gold: 999)
        #expect(throws: Refused.self) {
            _ = try db.write { store -> Int64? in
                _ = try TierCommands.put("partners", changed, context: change(at: 6_000), in: store)
                #expect(try goldThreshold(store) == 999)  // decoded and cached inside the doomed write
                throw Refused()
            }
        }
        #expect(try db.read(goldThreshold) == 100)
        #expect(try db.write { try goldThreshold($0) } == 100)
    }
}

/// The rule book is checked against the rules' generation (migration 0013) on every event.
@Suite struct RuleBookGenerationTests {
    struct Refused: Error {}

    static func rule(_ name: String) -> JSONValue {
        ["name": .string(name), "on": "video.watched", "then": [["award": ["currency": "points", "amount": 10]]]]
    }

    @Test func aRuleChangeIsSeenAtOnceAndOneRolledBackNeverIs() throws {
        let db = try TestDatabase()
        let book = RuleBook()
        @Sendable func live(_ store: any StoreReader) throws -> [String] { try book.live(in: store).map { "\($0.rule.name) v\($0.version)" } }
        _ = try db.write { try RuleCatalogCommands.put("video", document: Self.rule("first"), context: change(at: 1_000), in: $0) }
        #expect(try db.read(live) == ["first v1"])
        #expect(throws: Refused.self) {
            _ = try db.write { store -> Int in
                _ = try RuleCatalogCommands.put("video", document: Self.rule("doomed"), context: change(at: 2_000), in: store)
                #expect(try live(store) == ["doomed v2"])  // compiled inside the write that rolls back
                throw Refused()
            }
        }
        #expect(try db.read(live) == ["first v1"])
        // The same version number, time and count again, with other content: still seen as new.
        _ = try db.write { try RuleCatalogCommands.put("video", document: Self.rule("second"), context: change(at: 2_000), in: $0) }
        #expect(try db.read(live) == ["second v2"])
        _ = try db.write { try RuleCatalogCommands.delete("video", context: change(at: 4_000), in: $0) }
        #expect(try db.read(live).isEmpty)
    }
}

import Engine
import Testing

@Suite struct RuleCatalogStorageTests {
    private let first: JSONValue = ["on": "video.watched", "then": [["award": ["currency": "points", "amount": 10]]]]
    private let second: JSONValue = ["on": "video.watched", "then": [["award": ["currency": "points", "amount": 20]]]]

    private func put(_ db: TestDatabase, _ document: JSONValue, at milliseconds: Int64, as principal: Principal = admin) throws -> RuleCatalogCommands.PutOutcome {
        try db.write { try RuleCatalogCommands.put("videos", document: document, context: change(principal, at: milliseconds), in: $0) }
    }

    @Test func everyChangeIsANewVersionAndAnUnchangedPutIsNone() throws {
        let db = try TestDatabase()
        let created = try put(db, first, at: 1_000)
        #expect(created.created && created.rule.version == 1)
        #expect(try put(db, first, at: 2_000).rule.version == 1)
        let changed = try put(db, second, at: 3_000)
        #expect(!changed.created && changed.rule.version == 2)
        #expect(try db.read { try RuleCatalogCommands.get("videos", in: $0) }.document == second)
        let versions = try db.read { try RuleCatalogCommands.versions("videos", page: PageRequest(limit: 10), in: $0) }
        #expect(versions.items.map(\.version) == [2, 1])
        #expect(versions.items.map(\.document) == [second, first])
        #expect(try db.auditEntries(AuditFilter(entityKind: "rule")).map(\.action) == ["rule.put", "rule.put"])
    }

    @Test func deletingKeepsVersionsAndSavingAgainContinuesTheNumbering() throws {
        let db = try TestDatabase()
        _ = try put(db, first, at: 1_000)
        try db.write { try RuleCatalogCommands.delete("videos", context: change(at: 2_000), in: $0) }
        #expect(throws: DomainError.notFound(kind: "rule", id: "videos")) { _ = try db.read { try RuleCatalogCommands.get("videos", in: $0) } }
        #expect(try db.read { try RuleCatalogCommands.list(page: PageRequest(limit: 10), in: $0) }.items.isEmpty)
        #expect(try db.read { try RuleCatalogCommands.versions("videos", page: PageRequest(limit: 10), in: $0) }.items.count == 1)
        let revived = try put(db, first, at: 3_000)
        #expect(revived.created && revived.rule.version == 2)
        #expect(try db.read { try RuleCatalogCommands.list(page: PageRequest(limit: 10), in: $0) }.items.map(\.ruleID) == ["videos"])
    }

    @Test func versionsPageNewestFirst() throws {
        let db = try TestDatabase()
        for amount in 1...5 {
            _ = try put(db, ["on": "x", "then": [["award": ["currency": "points", "amount": .int(Int64(amount))]]]], at: Int64(amount) * 1_000)
        }
        let firstPage = try db.read { try RuleCatalogCommands.versions("videos", page: PageRequest(limit: 2), in: $0) }
        #expect(firstPage.items.map(\.version) == [5, 4])
        let secondPage = try db.read { try RuleCatalogCommands.versions("videos", page: PageRequest(limit: 2, after: firstPage.nextAfter), in: $0) }
        #expect(secondPage.items.map(\.version) == [3, 2])
    }

    @Test func onlyAdminKeysChangeRules() throws {
        let db = try TestDatabase()
        #expect(throws: DomainError.forbidden("only admin keys change rules")) { _ = try put(db, first, at: 1_000, as: integration) }
        #expect(throws: DomainError.notFound(kind: "rule", id: "videos")) {
            _ = try db.read { try RuleCatalogCommands.versions("videos", page: PageRequest(limit: 10), in: $0) }
        }
    }
}

import Engine
import Testing

@Suite struct CurrencyStorageTests {
    private func put(_ db: TestDatabase, _ id: String, _ body: JSONValue, _ context: ChangeContext = change()) throws -> ConfigurationWrites.Put<Currency> {
        let draft = try CurrencyDraft.parse(body, id: id)
        return try db.write { try CurrencyCommands.put(id, draft, context: context, in: $0) }
    }

    @Test func everyExpiryFormSurvivesStorage() throws {
        let db = try TestDatabase()
        let bodies: [(String, JSONValue)] = [
            ("a-never", ["name": "Never"]),
            ("b-days", ["name": "Days", "expiry": ["after_days": 365], "pending_days": 30]),
            ("c-quarter", ["name": "Quarter", "redeemable": false, "expiry": ["end_of": "quarter", "periods_after": 1]]),
        ]
        for (id, body) in bodies { #expect(try put(db, id, body).created) }
        let stored = try db.read { try CurrencyCommands.list(page: PageRequest(limit: 10), in: $0) }.items
        #expect(stored.map(\.id) == ["a-never", "b-days", "c-quarter"])
        #expect(stored.map(\.expiry) == [.never, .afterDays(365), .endOf(.quarter, periodsAfter: 1)])
        #expect(stored[1].pendingDays == 30)
        #expect(!stored[2].redeemable)
    }

    @Test func replacingKeepsCreationTimeAndAnUnchangedPutWritesNothing() throws {
        let db = try TestDatabase()
        _ = try put(db, "points", ["name": "Points"], change(at: 1_000))
        let replaced = try put(db, "points", ["name": "Loyalty points"], change(at: 2_000))
        #expect(!replaced.created)
        #expect(replaced.object.createdAt == at(1_000))
        #expect(replaced.object.updatedAt == at(2_000))
        _ = try put(db, "points", ["name": "Loyalty points"], change(at: 3_000))
        #expect(try db.auditEntries(AuditFilter(entityKind: "currency")).map(\.action) == ["currency.put", "currency.put"])
        #expect(try db.read { try CurrencyCommands.get("points", in: $0) }.updatedAt == at(2_000))
    }

    @Test func onlyAdminKeysChangeCurrencies() throws {
        let db = try TestDatabase()
        for principal in [integration, viewer] {
            #expect(throws: DomainError.forbidden("only admin keys change currencies")) {
                _ = try put(db, "points", ["name": "Points"], change(principal))
            }
        }
        #expect(try db.read { try $0.currency(id: "points") } == nil)
    }

    @Test func deleteRemovesAndAudits() throws {
        let db = try TestDatabase()
        _ = try put(db, "points", ["name": "Points"])
        try db.write { try CurrencyCommands.delete("points", context: change(at: 5_000), in: $0) }
        #expect(throws: DomainError.notFound(kind: "currency", id: "points")) { _ = try db.read { try CurrencyCommands.get("points", in: $0) } }
        #expect(try db.auditEntries().first?.action == "currency.delete")
    }
}

import Testing
import Engine
import Storage

struct KeyStorageTests {
    @Test func createdKeyAuthenticatesUntilRevoked() throws {
        let db = try TestDatabase()
        let created = try db.createKey(KeyDraft(name: "ci", role: .integration, rateLimit: RateLimit(perSecond: 5, burst: 9)))
        #expect(created.secret.hasPrefix("lrl_\(created.key.id)_"))
        let found = try db.read { try KeyCommands.authenticate(created.secret, in: $0) }
        #expect(found == created.key)
        #expect(found?.rateLimit == RateLimit(perSecond: 5, burst: 9))
        #expect(found?.createdBy == "admin-key")
        let revoked = try db.write { try KeyCommands.revoke(created.key.id, context: change(at: 9_000), in: $0) }
        #expect(revoked.revokedAt == at(9_000))
        #expect(try db.read { try KeyCommands.authenticate(created.secret, in: $0) } == nil)
        // Revoking twice is harmless and keeps the first time.
        #expect(try db.write { try KeyCommands.revoke(created.key.id, context: change(at: 10_000), in: $0) }.revokedAt == at(9_000))
    }

    @Test func aWrongSecretOrUnknownIDDoesNotAuthenticate() throws {
        let db = try TestDatabase()
        let created = try db.createKey(KeyDraft(name: "ci", role: .viewer))
        #expect(try db.read { try KeyCommands.authenticate("lrl_\(created.key.id)_NotTheSecret", in: $0) } == nil)
        #expect(try db.read { try KeyCommands.authenticate("lrl_unknownid000_abc", in: $0) } == nil)
        #expect(try db.read { try KeyCommands.authenticate("garbage", in: $0) } == nil)
        #expect(try db.read { try KeyCommands.authenticate(created.secret + "x", in: $0) } == nil)
    }

    @Test func theLastAdminKeyCannotBeRevoked() throws {
        let db = try TestDatabase()
        let first = try #require(try db.write { try KeyCommands.bootstrapAdmin(text: nil, context: change(nil), in: $0) })
        #expect(isConflict(domainError { _ = try db.write { try KeyCommands.revoke(first.key.id, context: change(), in: $0) } }))
        let second = try db.createKey(KeyDraft(name: "second admin", role: .admin))
        _ = try db.write { try KeyCommands.revoke(first.key.id, context: change(), in: $0) }
        #expect(isConflict(domainError { _ = try db.write { try KeyCommands.revoke(second.key.id, context: change(), in: $0) } }))
        #expect(try db.read { try $0.activeKeyCount(role: .admin) } == 1)
    }

    @Test func bootstrapCreatesAnAdminKeyOnlyWhenNoneIsActive() throws {
        let db = try TestDatabase()
        let text = "lrl_bootstrap1_ChosenByTheOperator42"
        let created = try #require(try db.write { try KeyCommands.bootstrapAdmin(text: text, context: change(nil), in: $0) })
        #expect(created.key.id == "bootstrap1")
        #expect(created.key.role == .admin)
        #expect(try db.read { try KeyCommands.authenticate(text, in: $0) }?.id == "bootstrap1")
        #expect(try db.write { try KeyCommands.bootstrapAdmin(text: text, context: change(nil), in: $0) } == nil)
        #expect(try db.write { try KeyCommands.bootstrapAdmin(text: nil, context: change(nil), in: $0) } == nil)
        #expect(try db.read { try $0.activeKeyCount(role: .admin) } == 1)
        #expect(try db.auditEntries().map(\.action) == ["key.bootstrap"])
    }

    @Test func bootstrapRefusesAMalformedText() throws {
        let db = try TestDatabase()
        let error = domainError { _ = try db.write { try KeyCommands.bootstrapAdmin(text: "not-a-key", context: change(nil), in: $0) } }
        guard case .invalid(let errors)? = error else { Issue.record("expected invalid, got \(String(describing: error))"); return }
        #expect(errors.map(\.path) == ["admin_key"])
    }

    @Test func onlyAdminsManageKeys() throws {
        let db = try TestDatabase()
        #expect(isForbidden(domainError { _ = try db.createKey(KeyDraft(name: "x", role: .viewer), change(integration)) }))
        #expect(isForbidden(domainError { _ = try db.read { try KeyCommands.list(page: PageRequest(), as: viewer, in: $0) } }))
    }

    @Test func aPartnerKeyNeedsAnExistingOrganization() throws {
        let db = try TestDatabase()
        #expect(unprocessablePaths(domainError { _ = try db.createKey(KeyDraft(name: "p", role: .partner, organizationID: "ghost")) })
            == ["$.organization_id"])
        #expect(try db.auditEntries().isEmpty)
    }

    @Test func keysListInIDOrderWithoutSecrets() throws {
        let db = try TestDatabase()
        let ids = try (0..<3).map { _ in try db.createKey(KeyDraft(name: "k", role: .viewer)).key.id }
        let page = try db.read { try KeyCommands.list(page: PageRequest(limit: 2), as: admin, in: $0) }
        #expect(page.items.map(\.id) == Array(ids.sorted().prefix(2)))
        let rest = try db.read { try KeyCommands.list(page: PageRequest(limit: 2, after: page.nextAfter), as: admin, in: $0) }
        #expect(rest.items.map(\.id) == [ids.sorted()[2]])
        #expect(page.items.allSatisfy { $0.json.objectValue?["secret"] == nil })
    }
}

struct AuditStorageTests {
    @Test func entriesAreNewestFirstWithBeforeAndAfter() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme", name: "Old"), change(at: 1_000, request: "r1"))
        try db.putOrganization("acme", try organization("acme", name: "New"), change(at: 2_000, request: "r2"))
        let entries = try db.read { try AuditQueries.list(AuditFilter(), page: PageRequest(), as: admin, in: $0) }.items
        #expect(entries.map(\.requestID) == ["r2", "r1"])
        #expect(entries[0].before?.objectValue?["name"] == "Old")
        #expect(entries[0].after?.objectValue?["name"] == "New")
        #expect(entries[1].before == nil)
        #expect(entries[1].after?.objectValue?["name"] == "Old")
        #expect(entries.allSatisfy { $0.keyID == "admin-key" && $0.entityKind == "organization" && $0.entityID == "acme" })
        #expect(entries[0].sequence! > entries[1].sequence!)
    }

    @Test func auditPagesContinueAfterTheSequence() throws {
        let db = try TestDatabase()
        for id in ["a", "b", "c"] { try db.putOrganization(id, try organization(id)) }
        let first = try db.read { try $0.auditEntries(AuditFilter(), page: PageRequest(limit: 2)) }
        #expect(first.items.map(\.entityID) == ["c", "b"])
        let second = try db.read { try $0.auditEntries(AuditFilter(), page: PageRequest(limit: 2, after: first.nextAfter)) }
        #expect(second.items.map(\.entityID) == ["a"])
        #expect(second.nextAfter == nil)
    }

    @Test func auditFiltersByEntityKeyAndAction() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putOrganization("globex", try organization("globex"), change(integration))
        try db.putMember("m1", try member("m1", in: "acme"), change(integration))
        #expect(try db.auditEntries(AuditFilter(entityKind: "member")).map(\.entityID) == ["m1"])
        #expect(try db.auditEntries(AuditFilter(entityID: "acme")).map(\.action) == ["organization.put"])
        #expect(try db.auditEntries(AuditFilter(keyID: "integration-key")).map(\.entityID) == ["m1", "globex"])
        #expect(try db.auditEntries(AuditFilter(action: "member.put")).count == 1)
    }

    @Test func onlyAdminsReadTheAuditLog() throws {
        let db = try TestDatabase()
        #expect(isForbidden(domainError { _ = try db.read { try AuditQueries.list(AuditFilter(), page: PageRequest(), as: viewer, in: $0) } }))
    }
}

struct IdempotencyStorageTests {
    @Test func savedRecordLoadsBackForItsKeyOnly() throws {
        let db = try TestDatabase()
        let record = IdempotencyRecord(
            keyID: "k1", idempotencyKey: "order-42", fingerprint: "abc123", status: 201, body: Array(#"{"id":"x"}"#.utf8),
            createdAt: at(7_000))
        try db.write { try $0.save(record) }
        #expect(try db.read { try $0.idempotencyRecord(keyID: "k1", idempotencyKey: "order-42") } == record)
        #expect(try db.read { try $0.idempotencyRecord(keyID: "k2", idempotencyKey: "order-42") } == nil)
        #expect(try db.read { try $0.idempotencyRecord(keyID: "k1", idempotencyKey: "order-43") } == nil)
    }

    @Test func aSecondRecordUnderTheSameKeyIsRefused() throws {
        let db = try TestDatabase()
        let record = IdempotencyRecord(keyID: "k1", idempotencyKey: "x", fingerprint: "f", status: 200, body: [], createdAt: at(1))
        try db.write { try $0.save(record) }
        #expect(throws: (any Error).self) { try db.write { try $0.save(record) } }
    }
}

import Testing
import Engine
import Storage

struct OrganizationStorageTests {
    @Test func putCreatesThenReplacesKeepingCreatedAt() throws {
        let db = try TestDatabase()
        let first = try db.putOrganization("acme", try organization("acme", name: "Acme"), change(at: 1_000))
        #expect(first.created)
        let second = try db.putOrganization("acme", try organization("acme", name: "Acme GmbH"), change(at: 2_000))
        #expect(!second.created)
        let stored = try #require(try db.read { try $0.organization(id: "acme") })
        #expect(stored.name == "Acme GmbH")
        #expect(stored.createdAt == at(1_000))
        #expect(stored.updatedAt == at(2_000))
        #expect(stored == second.organization)
    }

    @Test func storedOrganizationReadsBackAsWritten() throws {
        let db = try TestDatabase()
        try db.putOrganization("group", try organization("group"))
        let draft = try organization(
            "acme", name: "Acme – Zürich", kind: "reseller", parent: "group", segments: ["gold", "emea"], status: "suspended",
            attributes: ["vat": "DE1", "tier": 3, "ratio": 1.0, "nested": ["a": [1, nil]]])
        let outcome = try db.putOrganization("acme", draft)
        #expect(try db.read { try $0.organization(id: "acme") } == outcome.organization)
    }

    @Test func unchangedPutWritesNoAuditRow() throws {
        let db = try TestDatabase()
        let draft = try organization("acme", segments: ["gold"], attributes: ["ratio": 1.0, "n": 2])
        try db.putOrganization("acme", draft, change(at: 1_000))
        let again = try db.putOrganization("acme", draft, change(at: 5_000))
        #expect(!again.created)
        #expect(again.organization.updatedAt == at(1_000))
        #expect(try db.auditEntries().count == 1)
        #expect(try db.read { try $0.organization(id: "acme") }?.updatedAt == at(1_000))
    }

    @Test func aParentLoopIsRefused() throws {
        let db = try TestDatabase()
        try db.putOrganization("a", try organization("a"))
        try db.putOrganization("b", try organization("b", parent: "a"))
        let error = domainError { try db.putOrganization("a", try organization("a", parent: "b")) }
        #expect(unprocessablePaths(error) == ["$.parent_id"])
        #expect(try db.read { try $0.organization(id: "a") }?.parentID == nil)
    }

    @Test func aLongerLoopIsRefusedToo() throws {
        let db = try TestDatabase()
        try db.putOrganization("a", try organization("a"))
        try db.putOrganization("b", try organization("b", parent: "a"))
        try db.putOrganization("c", try organization("c", parent: "b"))
        #expect(unprocessablePaths(domainError { try db.putOrganization("a", try organization("a", parent: "c")) }) == ["$.parent_id"])
    }

    @Test func anUnknownParentIsRefusedAndLeavesNothing() throws {
        let db = try TestDatabase()
        let error = domainError { try db.putOrganization("acme", try organization("acme", parent: "ghost")) }
        #expect(unprocessablePaths(error) == ["$.parent_id"])
        #expect(try db.read { try $0.organization(id: "acme") } == nil)
        #expect(try db.auditEntries().isEmpty)
    }

    @Test func aWriteThatThrowsAfterSavingLeavesNothing() throws {
        struct Abort: Error {}
        let db = try TestDatabase()
        try db.putOrganization("kept", try organization("kept"))
        let draft = try organization("acme")
        #expect(throws: Abort.self) {
            try db.write { store in
                _ = try OrganizationCommands.put("acme", draft, context: change(), in: store)
                throw Abort()
            }
        }
        #expect(try db.read { try $0.organization(id: "acme") } == nil)
        #expect(try db.auditEntries().map(\.entityID) == ["kept"])
        // The writer goes on serving later writes.
        try db.putOrganization("after", try organization("after"))
        #expect(try db.read { try $0.organization(id: "after") } != nil)
    }

    @Test func listsFilterBySegmentKindAndStatus() throws {
        let db = try TestDatabase()
        try db.putOrganization("a", try organization("a", kind: "partner", segments: ["gold", "emea"]))
        try db.putOrganization("b", try organization("b", kind: "customer", segments: ["gold"], status: "suspended"))
        try db.putOrganization("c", try organization("c", kind: "partner", segments: ["silver"], status: "archived"))
        func ids(_ filter: OrganizationFilter) throws -> [String] {
            try db.read { try OrganizationCommands.list(filter, page: PageRequest(), as: viewer, in: $0).items.map(\.id) }
        }
        #expect(try ids(OrganizationFilter()) == ["a", "b", "c"])
        #expect(try ids(OrganizationFilter(segment: "gold")) == ["a", "b"])
        #expect(try ids(OrganizationFilter(segment: "emea")) == ["a"])
        #expect(try ids(OrganizationFilter(segment: "bronze")) == [])
        #expect(try ids(OrganizationFilter(kind: "partner")) == ["a", "c"])
        #expect(try ids(OrganizationFilter(status: .suspended)) == ["b"])
        #expect(try ids(OrganizationFilter(kind: "partner", segment: "gold", status: .active)) == ["a"])
    }

    @Test func replacingSegmentsReindexesThem() throws {
        let db = try TestDatabase()
        try db.putOrganization("a", try organization("a", segments: ["gold"]))
        try db.putOrganization("a", try organization("a", segments: ["silver"]))
        #expect(try db.read { try $0.organizations(OrganizationFilter(segment: "gold"), page: PageRequest()).items }.isEmpty)
        #expect(try db.read { try $0.organizations(OrganizationFilter(segment: "silver"), page: PageRequest()).items.map(\.id) } == ["a"])
    }

    @Test func pagingReturnsEveryRowExactlyOnceInIDOrder() throws {
        let db = try TestDatabase()
        let ids = ["org-07", "org-01", "org-05", "org-03", "org-02", "org-06", "org-04"]
        for id in ids { try db.putOrganization(id, try organization(id)) }
        var seen: [String] = []
        var after: String?
        var pages = 0
        repeat {
            let page = try db.read { try $0.organizations(OrganizationFilter(), page: PageRequest(limit: 3, after: after)) }
            seen += page.items.map(\.id)
            after = page.nextAfter
            pages += 1
            #expect(pages <= 3)
        } while after != nil && pages <= 3
        #expect(seen == ids.sorted())
        #expect(pages == 3)
    }

    @Test func aFullLastPageHasNoNextCursor() throws {
        let db = try TestDatabase()
        for id in ["a", "b", "c", "d"] { try db.putOrganization(id, try organization(id)) }
        let first = try db.read { try $0.organizations(OrganizationFilter(), page: PageRequest(limit: 2)) }
        #expect(first.items.map(\.id) == ["a", "b"])
        #expect(first.nextAfter == "b")
        let second = try db.read { try $0.organizations(OrganizationFilter(), page: PageRequest(limit: 2, after: "b")) }
        #expect(second.items.map(\.id) == ["c", "d"])
        #expect(second.nextAfter == nil)
    }
}

struct OrganizationDeleteTests {
    @Test func deleteIsRefusedWhileMembersRemain() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putMember("m1", try member("m1", in: "acme"))
        #expect(isConflict(domainError { try db.write { try OrganizationCommands.delete("acme", context: change(), in: $0) } }))
        try db.write { try MemberCommands.delete("m1", context: change(), in: $0) }
        try db.write { try OrganizationCommands.delete("acme", context: change(), in: $0) }
        #expect(try db.read { try $0.organization(id: "acme") } == nil)
    }

    @Test func deleteIsRefusedWhileChildrenRemain() throws {
        let db = try TestDatabase()
        try db.putOrganization("group", try organization("group"))
        try db.putOrganization("acme", try organization("acme", parent: "group"))
        #expect(isConflict(domainError { try db.write { try OrganizationCommands.delete("group", context: change(), in: $0) } }))
        try db.write { try OrganizationCommands.delete("acme", context: change(), in: $0) }
        try db.write { try OrganizationCommands.delete("group", context: change(), in: $0) }
        #expect(try db.read { try $0.organization(id: "group") } == nil)
    }

    @Test func deleteIsRefusedWhileAnActivePartnerKeyRemains() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        let created = try db.createKey(KeyDraft(name: "portal", role: .partner, organizationID: "acme"))
        #expect(isConflict(domainError { try db.write { try OrganizationCommands.delete("acme", context: change(), in: $0) } }))
        _ = try db.write { try KeyCommands.revoke(created.key.id, context: change(), in: $0) }
        try db.write { try OrganizationCommands.delete("acme", context: change(), in: $0) }
        #expect(try db.read { try $0.organization(id: "acme") } == nil)
    }

    @Test func deleteIsAuditedWithTheFormerDocument() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme", name: "Acme"), change(at: 1_000))
        try db.write { try OrganizationCommands.delete("acme", context: change(at: 2_000, request: "req-del"), in: $0) }
        let newest = try #require(try db.auditEntries().first)
        #expect(newest.action == "organization.delete")
        #expect(newest.before?.objectValue?["name"] == "Acme")
        #expect(newest.after == nil)
        #expect(newest.requestID == "req-del")
        #expect(newest.at == at(2_000))
    }

    @Test func deletingAnUnknownOrganizationIsNotFound() throws {
        let db = try TestDatabase()
        #expect(isNotFound(domainError { try db.write { try OrganizationCommands.delete("ghost", context: change(), in: $0) } }))
    }
}

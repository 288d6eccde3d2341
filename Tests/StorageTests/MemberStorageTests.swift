import Testing
import Engine
import Storage

struct MemberStorageTests {
    @Test func putCreatesWithAnOpenMembership() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        let outcome = try db.putMember("m1", try member("m1", in: "acme", name: "Ada"), change(at: 1_000))
        #expect(outcome.created && !outcome.moved)
        let profile = try db.read { try MemberCommands.get("m1", as: viewer, in: $0) }
        #expect(profile.member.name == "Ada")
        #expect(profile.history == [Membership(memberID: "m1", organizationID: "acme", joinedAt: at(1_000))])
    }

    @Test func movingClosesTheOldMembershipAndOpensANewOne() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putOrganization("globex", try organization("globex"))
        try db.putMember("m1", try member("m1", in: "acme"), change(at: 1_000))
        let moved = try db.putMember("m1", try member("m1", in: "globex"), change(at: 2_000))
        #expect(moved.moved && !moved.created)
        #expect(moved.member.createdAt == at(1_000))
        let history = try db.read { store in try MemberCommands.profile(of: try #require(try store.member(id: "m1")), in: store).history }
        #expect(history == [
            Membership(memberID: "m1", organizationID: "acme", joinedAt: at(1_000), leftAt: at(2_000)),
            Membership(memberID: "m1", organizationID: "globex", joinedAt: at(2_000)),
        ])
        #expect(try db.auditEntries().first?.action == "member.move")
        #expect(try db.read { try $0.memberCount(organizationID: "acme") } == 0)
        #expect(try db.read { try $0.memberCount(organizationID: "globex") } == 1)
    }

    @Test func replacingWithoutMovingKeepsOneMembership() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putMember("m1", try member("m1", in: "acme", role: "sales"), change(at: 1_000))
        let outcome = try db.putMember("m1", try member("m1", in: "acme", role: "manager"), change(at: 2_000))
        #expect(!outcome.created && !outcome.moved)
        #expect(try db.read { try $0.pastMemberships(memberID: "m1") } == [])
        #expect(try db.read { try $0.member(id: "m1") }?.joinedAt == at(1_000))
        #expect(try db.auditEntries().map(\.action) == ["member.put", "member.put", "organization.put"])
    }

    @Test func unchangedMemberPutWritesNoAuditRow() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putMember("m1", try member("m1", in: "acme"), change(at: 1_000))
        try db.putMember("m1", try member("m1", in: "acme"), change(at: 2_000))
        #expect(try db.auditEntries(AuditFilter(entityKind: "member")).count == 1)
    }

    @Test func aMemberOfAnUnknownOrganizationIsRefused() throws {
        let db = try TestDatabase()
        #expect(unprocessablePaths(domainError { try db.putMember("m1", try member("m1", in: "ghost")) }) == ["$.organization_id"])
        #expect(try db.read { try $0.member(id: "m1") } == nil)
    }

    @Test func deleteRemovesTheMemberAndItsHistory() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putOrganization("globex", try organization("globex"))
        try db.putMember("m1", try member("m1", in: "acme"), change(at: 1_000))
        try db.putMember("m1", try member("m1", in: "globex"), change(at: 2_000))
        #expect(try db.read { try $0.pastMemberships(memberID: "m1") }.count == 1)
        try db.write { try MemberCommands.delete("m1", context: change(at: 3_000), in: $0) }
        #expect(try db.read { try $0.member(id: "m1") } == nil)
        #expect(try db.read { try $0.pastMemberships(memberID: "m1") } == [])
        #expect(try db.auditEntries().first?.action == "member.delete")
        #expect(isNotFound(domainError { try db.write { try MemberCommands.delete("m1", context: change(), in: $0) } }))
    }

    @Test func viewerCannotChangeMembers() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        #expect(isForbidden(domainError { try db.putMember("m1", try member("m1", in: "acme"), change(viewer)) }))
    }

    @Test func membersFilterAndPageInIDOrder() throws {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putOrganization("globex", try organization("globex"))
        for (id, org, role) in [("m3", "acme", "sales"), ("m1", "acme", "manager"), ("m2", "globex", "sales"), ("m4", "acme", "sales")] {
            try db.putMember(id, try member(id, in: org, role: role))
        }
        let acme = try db.read { try $0.members(MemberFilter(organizationID: "acme"), page: PageRequest(limit: 2)) }
        #expect(acme.items.map(\.id) == ["m1", "m3"])
        let rest = try db.read { try $0.members(MemberFilter(organizationID: "acme"), page: PageRequest(limit: 2, after: acme.nextAfter)) }
        #expect(rest.items.map(\.id) == ["m4"])
        #expect(rest.nextAfter == nil)
        #expect(try db.read { try $0.members(MemberFilter(role: "sales"), page: PageRequest()).items.map(\.id) } == ["m2", "m3", "m4"])
    }
}

struct PartnerScopeTests {
    let partner = Principal(keyID: "partner-key", role: .partner, organizationID: "acme")

    func seeded() throws -> TestDatabase {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putOrganization("globex", try organization("globex"))
        try db.putMember("a1", try member("a1", in: "acme"))
        try db.putMember("g1", try member("g1", in: "globex"))
        return db
    }

    @Test func partnerSeesOnlyItsOrganization() throws {
        let db = try seeded()
        #expect(try db.read { try OrganizationCommands.get("acme", as: partner, in: $0) }.id == "acme")
        #expect(isNotFound(domainError { _ = try db.read { try OrganizationCommands.get("globex", as: partner, in: $0) } }))
        #expect(try db.read { try OrganizationCommands.list(OrganizationFilter(), page: PageRequest(), as: partner, in: $0) }.items.map(\.id)
            == ["acme"])
    }

    @Test func partnerSeesOnlyItsMembers() throws {
        let db = try seeded()
        #expect(try db.read { try MemberCommands.get("a1", as: partner, in: $0) }.member.id == "a1")
        #expect(isNotFound(domainError { _ = try db.read { try MemberCommands.get("g1", as: partner, in: $0) } }))
        #expect(try db.read { try MemberCommands.list(MemberFilter(), page: PageRequest(), as: partner, in: $0) }.items.map(\.id) == ["a1"])
        #expect(try db.read { try MemberCommands.list(MemberFilter(organizationID: "globex"), page: PageRequest(), as: partner, in: $0) }
            .items.isEmpty)
        #expect(isNotFound(domainError {
            _ = try db.read { try MemberCommands.list(ofOrganization: "globex", MemberFilter(), page: PageRequest(), as: partner, in: $0) }
        }))
    }

    @Test func partnerCannotMoveAMemberToAnotherOrganization() throws {
        let db = try seeded()
        let error = domainError { try db.putMember("a1", try member("a1", in: "globex"), change(partner)) }
        #expect(unprocessablePaths(error) == ["$.organization_id"])
        #expect(try db.read { try $0.member(id: "a1") }?.organizationID == "acme")
    }

    @Test func partnerManagesItsOwnMembersButNotOthers() throws {
        let db = try seeded()
        #expect(try db.putMember("a2", try member("a2", in: "acme"), change(partner)).created)
        #expect(isNotFound(domainError { try db.putMember("g1", try member("g1", in: "acme"), change(partner)) }))
        #expect(isNotFound(domainError { try db.write { try MemberCommands.delete("g1", context: change(partner), in: $0) } }))
        try db.write { try MemberCommands.delete("a2", context: change(partner), in: $0) }
    }

    @Test func partnerCannotChangeOrganizations() throws {
        let db = try seeded()
        #expect(isForbidden(domainError { try db.putOrganization("acme", try organization("acme", name: "Mine"), change(partner)) }))
        #expect(isNotFound(domainError { try db.putOrganization("globex", try organization("globex"), change(partner)) }))
        #expect(isNotFound(domainError { try db.write { try OrganizationCommands.delete("globex", context: change(partner), in: $0) } }))
    }
}

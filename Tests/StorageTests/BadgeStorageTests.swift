import Engine
import Testing

@Suite struct BadgeStorageTests {
    private func put(_ db: TestDatabase, _ id: String, _ body: JSONValue, _ context: ChangeContext = change()) throws -> ConfigurationWrites.Put<Badge> {
        let draft = try BadgeDraft.parse(body, id: id)
        return try db.write { try BadgeCommands.put(id, draft, context: context, in: $0) }
    }

    private func earned(_ badge: String, event: String, at milliseconds: Int64, member: String = "ann", rule: String? = nil) -> MemberBadge {
        MemberBadge(memberID: member, badgeID: badge, eventID: event, earnedAt: at(milliseconds), ruleID: rule, ruleVersion: rule == nil ? nil : 2)
    }

    @Test func everyFieldSurvivesStorageAndCriteriaAreFoundByEventType() throws {
        let db = try TestDatabase()
        _ = try put(db, "first-deal", ["name": "First deal"])
        _ = try put(db, "quizzer", [
            "name": "Quizzer", "description": "Five quizzes", "repeatable": true, "valid_until": "2026-12-31T00:00:00Z",
            "criterion": ["event_type": "quiz.passed", "count": 5, "period": "rolling_7d"],
        ])
        let stored = try db.read { try BadgeCommands.list(page: PageRequest(limit: 10), in: $0) }.items
        #expect(stored.map(\.id) == ["first-deal", "quizzer"])
        #expect(stored[0].criterion == nil && !stored[0].repeatable && stored[0].validUntil == nil && stored[0].description == nil)
        #expect(stored[1].criterion == BadgeCriterion(eventType: "quiz.passed", count: 5, period: .rolling7Days))
        #expect(stored[1].validUntil == RFC3339.parse("2026-12-31T00:00:00Z") && stored[1].description == "Five quizzes")
        #expect(try db.read { try $0.badges(criterionEventType: "quiz.passed") }.map(\.id) == ["quizzer"])
        #expect(try db.read { try $0.badges(criterionEventType: "deal.closed") }.isEmpty)
    }

    @Test func putsAreAdminOnlyAuditedAndAnUnchangedPutWritesNothing() throws {
        let db = try TestDatabase()
        #expect(throws: DomainError.forbidden("only admin keys change badges")) { _ = try put(db, "b", ["name": "B"], change(integration)) }
        #expect(try put(db, "b", ["name": "B"], change(at: 1_000)).created)
        #expect(try !put(db, "b", ["name": "B"], change(at: 2_000)).created)
        _ = try put(db, "b", ["name": "B2"], change(at: 3_000))
        try db.write { try BadgeCommands.delete("b", context: change(at: 4_000), in: $0) }
        #expect(try db.auditEntries(AuditFilter(entityKind: "badge")).map(\.action).sorted() == ["badge.delete", "badge.put", "badge.put"])
        #expect(throws: DomainError.notFound(kind: "badge", id: "b")) { _ = try db.read { try BadgeCommands.get("b", in: $0) } }
    }

    @Test func anEventEarnsABadgeOnceAndHoldingEndsWithRevocation() throws {
        let db = try TestDatabase()
        let first = earned("first-deal", event: "e-1", at: 1_000, rule: "deal")
        try db.write { try $0.insert(first) }
        #expect(throws: (any Error).self) { try db.write { try $0.insert(first) } }
        #expect(try db.read { try $0.holdsBadge(memberID: "ann", badgeID: "first-deal") })
        #expect(try !db.read { try $0.holdsBadge(memberID: "bob", badgeID: "first-deal") })
        let revoked = try db.write { try $0.revokeBadges(eventID: "e-1", at: at(5_000)) }
        #expect(revoked.map(\.revokedAt) == [at(5_000)])
        #expect(try db.write { try $0.revokeBadges(eventID: "e-1", at: at(6_000)) }.isEmpty)
        #expect(try !db.read { try $0.holdsBadge(memberID: "ann", badgeID: "first-deal") })
    }

    @Test func aMembersBadgesAreNewestFirstAndRevokedOnesOnlyOnRequest() throws {
        let db = try TestDatabase()
        try db.write { store in
            try store.insert(self.earned("a", event: "e-1", at: 1_000, rule: "deal"))
            try store.insert(self.earned("b", event: "e-2", at: 3_000))
            try store.insert(self.earned("c", event: "e-3", at: 2_000))
            try store.insert(self.earned("a", event: "e-9", at: 9_000, member: "bob"))
            _ = try store.revokeBadges(eventID: "e-2", at: at(4_000))
        }
        let current = try db.read { try $0.memberBadges(memberID: "ann", includeRevoked: false, limit: 10) }
        #expect(current.map(\.badgeID) == ["c", "a"])
        #expect(current.last == earned("a", event: "e-1", at: 1_000, rule: "deal"))
        let all = try db.read { try $0.memberBadges(memberID: "ann", includeRevoked: true, limit: 10) }
        #expect(all.map(\.badgeID) == ["b", "c", "a"] && all.first?.revokedAt == at(4_000))
        #expect(try db.read { try $0.memberBadges(memberID: "ann", includeRevoked: true, limit: 2) }.count == 2)
    }
}

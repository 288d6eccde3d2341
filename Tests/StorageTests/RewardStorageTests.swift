import Engine
import Testing

@Suite struct RewardStorageTests {
    /// Points, acme with ann holding 1,000, and a mug at 300 with `stock`.
    private func world(stock: Int64? = 2) throws -> TestDatabase {
        let db = try TestDatabase()
        let points = try CurrencyDraft.parse(["name": "Points"], id: "points")
        _ = try db.write { try CurrencyCommands.put("points", points, context: change(), in: $0) }
        try db.putOrganization("acme", try organization("acme"))
        try db.putMember("ann", try member("ann", in: "acme"))
        let credit = try AdjustmentDraft.parse(["member_id": "ann", "currency": "points", "amount": 1_000, "reason": "opening"])
        _ = try db.write { try AdjustmentCommands.adjust(credit, context: change(), in: $0) }
        let cost: JSONValue = ["currency": "points", "amount": 300]
        let body: JSONValue = stock.map { ["name": "Mug", "kind": "merchandise", "cost": cost, "stock": .int($0)] }
            ?? ["name": "Mug", "kind": "merchandise", "cost": cost]
        let draft = try RewardDraft.parse(body, id: "mug")
        _ = try db.write { try RewardCommands.put("mug", draft, context: change(), in: $0) }
        return db
    }

    private func redeem(_ db: TestDatabase, _ id: String) throws -> RedemptionCommands.Outcome {
        try db.write { try RedemptionCommands.redeem(.init(id: id, memberID: "ann", rewardID: "mug"), context: change(), generatedID: "unused", in: $0) }
    }

    private func stock(_ db: TestDatabase) throws -> Int64? { try db.read { try $0.reward(id: "mug") }?.stock }

    @Test func everyFieldSurvivesStorage() throws {
        let db = try world()
        let ladder = try TierLadderDraft.parse([
            "subject": "member", "currency": "points", "window": "lifetime",
            "levels": [["id": "silver", "threshold": 0], ["id": "gold", "threshold": 1_000]],
        ], id: "status")
        _ = try db.write { try TierCommands.put("status", ladder, context: change(), in: $0) }
        let body: JSONValue = [
            "name": "Tree", "kind": "donation", "description": "One tree, in your name", "cost": ["currency": "points", "amount": 50],
            "stock": 7, "per_member_limit": 2, "audience": ["roles": ["sales"], "organization_kinds": ["customer"], "segments": ["smb"]],
            "min_tier": ["ladder_id": "status", "level_id": "gold"],
            "active": ["from": "2026-01-01T00:00:00Z", "until": "2027-01-01T00:00:00Z"],
        ]
        let draft = try RewardDraft.parse(body, id: "tree")
        let written = try db.write { try RewardCommands.put("tree", draft, context: change(at: 5_000), in: $0) }.object
        let stored = try #require(try db.read { try $0.reward(id: "tree") })
        #expect(stored == written)
        #expect(stored.draft == draft)
        #expect(try db.read { try RewardCommands.list(page: PageRequest(limit: 10), in: $0) }.items.map(\.id) == ["mug", "tree"])
    }

    @Test func stockGoesDownOnRedeemBackOnCancelAndNeverBelowZero() throws {
        let db = try world(stock: 2)
        _ = try redeem(db, "r-1")
        _ = try redeem(db, "r-2")
        #expect(try stock(db) == 0)
        #expect(throws: DomainError.conflict("cannot redeem mug: out of stock")) { _ = try redeem(db, "r-3") }
        // The schema itself refuses a negative stock, and the failed write leaves nothing.
        #expect(throws: (any Error).self) { try db.write { try $0.changeStock(rewardID: "mug", by: -1) } }
        #expect(try stock(db) == 0)
        let cancelled = try db.write { try RedemptionCommands.cancel("r-1", context: change(), in: $0) }
        #expect(cancelled.redemption.status == .cancelled)
        #expect(cancelled.balance.available == 700)
        #expect(try stock(db) == 1)
        _ = try db.write { try RedemptionCommands.cancel("r-1", context: change(), in: $0) }
        #expect(try stock(db) == 1, "a second cancel restores nothing")
        #expect(try db.read { try $0.redemptionCount(memberID: "ann", rewardID: "mug") } == 1)
        #expect(try db.read { try $0.redemptions(RedemptionFilter(status: .pending), page: PageRequest(limit: 10)) }.items.map(\.id) == ["r-2"])
    }

    @Test func unlimitedStockStaysUnlimited() throws {
        let db = try world(stock: nil)
        _ = try redeem(db, "r-1")
        try db.write { try $0.changeStock(rewardID: "mug", by: -5) }
        #expect(try stock(db) == nil)
    }

    @Test func aRefusedRedemptionWritesNothing() throws {
        let db = try world(stock: 10)
        for id in ["r-1", "r-2", "r-3"] { _ = try redeem(db, id) }
        #expect(throws: DomainError.conflict("cannot redeem mug: needs 300 points, has 100")) { _ = try redeem(db, "r-4") }
        #expect(try stock(db) == 7)
        #expect(try db.read { try $0.redemption(id: "r-4") } == nil)
        let fulfilled = try db.write { try RedemptionCommands.fulfill("r-1", code: "X-1", context: change(integration), in: $0) }
        #expect(fulfilled.redemption.status == .fulfilled && fulfilled.redemption.code == "X-1")
        #expect(try db.read { try $0.redemption(id: "r-1") }?.fulfilledAt == at(1_000))
    }
}

/// A redemption's id makes placing it idempotent, like an event's id.
@Suite struct RedemptionReplayStorageTests {
    private func world() throws -> TestDatabase {
        let db = try TestDatabase()
        let points = try CurrencyDraft.parse(["name": "Points"], id: "points")
        _ = try db.write { try CurrencyCommands.put("points", points, context: change(), in: $0) }
        for (organizationID, memberID) in [("acme", "ann"), ("globex", "gus")] {
            try db.putOrganization(organizationID, try organization(organizationID))
            try db.putMember(memberID, try member(memberID, in: organizationID))
            let credit = try AdjustmentDraft.parse(["member_id": .string(memberID), "currency": "points", "amount": 1_000, "reason": "opening"])
            _ = try db.write { try AdjustmentCommands.adjust(credit, context: change(), in: $0) }
        }
        for id in ["mug", "pen"] {
            let draft = try RewardDraft.parse(["name": "Thing", "kind": "merchandise", "cost": ["currency": "points", "amount": 300], "stock": 5], id: id)
            _ = try db.write { try RewardCommands.put(id, draft, context: change(), in: $0) }
        }
        return db
    }

    private func redeem(_ db: TestDatabase, _ member: String, _ reward: String, as principal: Principal = admin) throws -> RedemptionCommands.Outcome {
        try db.write {
            try RedemptionCommands.redeem(.init(id: "r-1", memberID: member, rewardID: reward), context: change(principal), generatedID: "x", in: $0)
        }
    }

    @Test func theSameRequestUnderItsIdAnswersTheStoredRedemptionAndWritesNothing() throws {
        let db = try world()
        let first = try redeem(db, "ann", "mug")
        #expect(!first.replayed)
        let acme = Principal(keyID: "acme-key", role: .partner, organizationID: "acme")
        let again = try redeem(db, "ann", "mug", as: acme)
        #expect(again.replayed)
        #expect(again.redemption == first.redemption)
        #expect(again.balance.available == 700, "the points were held once")
        #expect(try db.read { try $0.reward(id: "mug") }?.stock == 4)
        #expect(try db.auditEntries(AuditFilter(entityKind: "redemption")).count == 1)
    }

    @Test func anotherRequestUnderAUsedIdIsUnprocessableAtTheId() throws {
        let db = try world()
        _ = try redeem(db, "ann", "mug")
        let refused = DomainError.unprocessable([ValidationError(path: "$.id", message: "redemption id already used for a different redemption")])
        #expect(throws: refused) { _ = try redeem(db, "ann", "pen") }
        // A partner of another organization, even with a body of its own, learns no more than that.
        let globex = Principal(keyID: "globex-key", role: .partner, organizationID: "globex")
        #expect(throws: refused) { _ = try redeem(db, "gus", "mug", as: globex) }
        #expect(try db.read { try $0.reward(id: "pen") }?.stock == 5)
        #expect(try db.read { try LedgerView($0).balance(of: .member("gus"), "points", at: at(1_000)) }.available == 1_000)
    }
}

import Engine
import Testing

/// Deleting a currency or a badge while something still depends on it is refused, listing every
/// dependant, and writes nothing; once they are gone the delete goes through.
@Suite struct ConfigurationReferenceStorageTests {
    /// Points and status credits; a certified badge; acme with ann.
    private func world() throws -> TestDatabase {
        let db = try TestDatabase()
        for (id, body) in [("points", ["name": "Points"] as JSONValue), ("credits", ["name": "Credits", "redeemable": false])] {
            let draft = try CurrencyDraft.parse(body, id: id)
            _ = try db.write { try CurrencyCommands.put(id, draft, context: change(), in: $0) }
        }
        let badge = try BadgeDraft.parse(["name": "Certified"], id: "certified")
        _ = try db.write { try BadgeCommands.put("certified", badge, context: change(), in: $0) }
        try db.putOrganization("acme", try organization("acme"))
        try db.putMember("ann", try member("ann", in: "acme"))
        return db
    }

    private func putRule(_ db: TestDatabase, _ id: String, _ document: JSONValue) throws {
        let rule = try RuleParser.parse(document, id: id)
        _ = try db.write { try RuleCatalogCommands.put(id, rule: rule, document: document, context: change(), in: $0) }
    }

    private func putLadder(_ db: TestDatabase, _ id: String, _ body: JSONValue) throws {
        let draft = try TierLadderDraft.parse(body, id: id)
        _ = try db.write { try TierCommands.put(id, draft, context: change(), in: $0) }
    }

    private func putReward(_ db: TestDatabase, _ id: String, costing currency: String) throws {
        let draft = try RewardDraft.parse(["name": "Mug", "kind": "merchandise", "cost": ["currency": .string(currency), "amount": 300]], id: id)
        _ = try db.write { try RewardCommands.put(id, draft, context: change(), in: $0) }
    }

    private func adjust(_ db: TestDatabase, _ amount: Int64) throws {
        let draft = try AdjustmentDraft.parse(["member_id": "ann", "currency": "points", "amount": .int(amount), "reason": "test"])
        _ = try db.write { try AdjustmentCommands.adjust(draft, context: change(), in: $0) }
    }

    private func references(_ error: DomainError?) -> [String] {
        guard case .stillReferenced(_, let references)? = error else { return [] }
        return references.map(\.description)
    }

    @Test func aCurrencyInUseIsRefusedListingEveryDependantAndNothingIsWritten() throws {
        let db = try world()
        try putRule(db, "deal", ["name": "R", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 10]]],
                                 "limits": [["per": "member", "max_amount": 100, "currency": "points"]]])
        try putRule(db, "quiz", ["name": "R", "on": "quiz.passed", "then": [["boost": ["percent": 5, "on": "deal.closed", "uses": 2,
                                                                          "expires_in_days": 30, "currency": "points"]]]])
        try putRule(db, "other", ["name": "R", "on": "quiz.passed", "then": [["award": ["currency": "credits", "amount": 1]]]])
        try putReward(db, "mug", costing: "points")
        try putLadder(db, "status", ["subject": "member", "currency": "points", "window": "lifetime",
                                     "levels": [["id": "silver", "threshold": 0], ["id": "gold", "threshold": 1_000]]])
        try putLadder(db, "mixed", ["subject": "member", "currency": "credits", "window": "lifetime",
                                    "levels": [["id": "base", "threshold": 0],
                                               ["id": "top", "criteria": [["currency": "points", "window": "lifetime", "min": 5]]]]])
        try adjust(db, 1_000)
        _ = try db.write { try RedemptionCommands.redeem(.init(id: "r-1", memberID: "ann", rewardID: "mug"), context: change(), generatedID: "x", in: $0) }

        let error = domainError { try db.write { try CurrencyCommands.delete("points", context: change(at: 9_000), in: $0) } }
        #expect(references(error) == [
            "rules/deal: awards points", "rules/deal: limits what it awards in points", "rules/quiz: grants a boost on points",
            "rewards/mug: costs 300 points",
            "tier-ladders/mixed: level top counts points earned", "tier-ladders/status: qualifies on points",
            "balances: 1 holder(s) still hold points; let them expire or adjust them to zero first",
            "redemptions: 1 pending redemption(s) hold points; fulfill or cancel them first",
        ])
        #expect(try db.read { try $0.currency(id: "points") } != nil)
        #expect(!(try db.auditEntries(AuditFilter(entityKind: "currency")).map(\.action).contains("currency.delete")))
        let balance = try db.read { try LedgerView($0).balance(of: .member("ann"), "points", at: at(9_000)) }
        #expect(balance.available == 700)
    }

    @Test func aCurrencyIsDeletedOnceNothingUsesItAnyMore() throws {
        let db = try world()
        try putRule(db, "deal", ["name": "R", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 10]]]])
        try putReward(db, "mug", costing: "points")
        try adjust(db, 500)
        _ = try db.write { try RedemptionCommands.redeem(.init(id: "r-1", memberID: "ann", rewardID: "mug"), context: change(), generatedID: "x", in: $0) }

        // A deleted rule keeps its versions but no longer counts.
        try db.write { try RuleCatalogCommands.delete("deal", context: change(), in: $0) }
        try db.write { try RewardCommands.delete("mug", context: change(), in: $0) }
        let left = domainError { try db.write { try CurrencyCommands.delete("points", context: change(), in: $0) } }
        #expect(references(left).map { $0.prefix { $0 != ":" } } == ["balances", "redemptions"])
        _ = try db.write { try RedemptionCommands.cancel("r-1", context: change(), in: $0) }
        #expect(references(domainError { try db.write { try CurrencyCommands.delete("points", context: change(), in: $0) } })
            == ["balances: 1 holder(s) still hold points; let them expire or adjust them to zero first"])
        try adjust(db, -500)
        try db.write { try CurrencyCommands.delete("points", context: change(), in: $0) }
        #expect(try db.read { try $0.currency(id: "points") } == nil)
    }

    @Test func aBadgeInUseIsRefusedUntilNoRuleAwardsItAndNoLadderCountsIt() throws {
        let db = try world()
        try putRule(db, "quiz", ["name": "R", "on": "quiz.passed", "then": [["badge": "certified"]]])
        try putLadder(db, "partners", ["subject": "organization", "currency": "credits", "window": "lifetime",
                                       "levels": [["id": "registered", "threshold": 0],
                                                  ["id": "certified", "criteria": [["members_with_badge": "certified", "min": 2]]]]])
        let error = domainError { try db.write { try BadgeCommands.delete("certified", context: change(), in: $0) } }
        #expect(references(error) == [
            "rules/quiz: awards the badge certified", "tier-ladders/partners: level certified counts members with the badge certified",
        ])
        #expect(try db.read { try $0.badge(id: "certified") } != nil)
        try db.write { try RuleCatalogCommands.delete("quiz", context: change(), in: $0) }
        try db.write { try TierCommands.delete("partners", context: change(), in: $0) }
        try db.write { try BadgeCommands.delete("certified", context: change(), in: $0) }
        #expect(try db.read { try $0.badge(id: "certified") } == nil)
    }

    @Test func outstandingCountsHoldersWithOpenLotsAndOpenHoldsOfThatCurrencyOnly() throws {
        let db = try world()
        try db.putMember("bob", try member("bob", in: "acme"))
        try adjust(db, 100)
        let bob = try AdjustmentDraft.parse(["member_id": "bob", "currency": "credits", "amount": 7, "reason": "test"])
        _ = try db.write { try AdjustmentCommands.adjust(bob, context: change(), in: $0) }
        #expect(try db.read { try $0.outstanding(currency: "points") } == CurrencyOutstanding(currency: "points", holders: 1, pendingRedemptions: 0))
        #expect(try db.read { try $0.outstanding(currency: "credits") } == CurrencyOutstanding(currency: "credits", holders: 1, pendingRedemptions: 0))
        #expect(try db.read { try $0.outstanding(currency: "none") } == CurrencyOutstanding(currency: "none", holders: 0, pendingRedemptions: 0))
    }
}

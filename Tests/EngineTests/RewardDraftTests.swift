import Engine
import Testing

@Suite struct RewardDraftTests {
    @Test func theDesignExampleParses() throws {
        let draft = try RewardDraft.parse(
            ["name": "Mug", "kind": "merchandise", "cost": ["currency": "points", "amount": 1500], "stock": 100], id: "mug")
        #expect(draft == RewardDraft(name: "Mug", kind: .merchandise, cost: RewardCost(currency: "points", amount: 1500), stock: 100))
    }

    @Test func everyProblemIsReportedWithItsPath() {
        #expect(paths { _ = try RewardDraft.parse(["kind": "car", "x": 1], id: "r") }.sorted() == ["$.cost", "$.kind", "$.name", "$.x"])
        #expect(paths { _ = try RewardDraft.parse(["id": "other", "name": "R", "kind": "voucher", "cost": ["currency": "points", "amount": 1]], id: "r") }
            == ["$.id"])
        #expect(paths {
            _ = try RewardDraft.parse([
                "name": "R", "kind": "voucher", "cost": ["currency": "no such!", "amount": 1, "y": 2],
                "audience": ["roles": ["a b"], "teams": ["x"]], "min_tier": ["ladder_id": "l"],
                "active": ["from": "soon", "until": "2020-01-01T00:00:00Z"],
            ], id: "r")
        }.sorted() == ["$.active.from", "$.audience.roles[0]", "$.audience.teams", "$.cost.currency", "$.cost.y", "$.min_tier.level_id"])
    }

    @Test func limitsAreCheckedAtTheLimitAndOnePast() {
        func problems(cost: Int64, stock: Int64, limit: Int64) -> [String] {
            paths {
                _ = try RewardDraft.parse([
                    "name": "R", "kind": "rebate", "cost": ["currency": "points", "amount": .int(cost)], "stock": .int(stock),
                    "per_member_limit": .int(limit),
                ], id: "r")
            }.sorted()
        }
        #expect(problems(cost: 1, stock: 0, limit: 1) == [])
        #expect(problems(cost: 1_000_000_000_000, stock: 1_000_000_000, limit: 1_000_000_000) == [])
        #expect(problems(cost: 0, stock: -1, limit: 0) == ["$.cost.amount", "$.per_member_limit", "$.stock"])
        #expect(problems(cost: 1_000_000_000_001, stock: 1_000_000_001, limit: 1_000_000_001) == ["$.cost.amount", "$.per_member_limit", "$.stock"])
    }

    @Test func theDocumentFormRoundTripsThroughTheParser() throws {
        let draft = try RewardDraft.parse([
            "name": "Tree", "kind": "donation", "description": "d", "cost": ["currency": "points", "amount": 50], "stock": 0,
            "per_member_limit": 1, "audience": ["segments": ["smb"]], "min_tier": ["ladder_id": "s", "level_id": "g"],
            "active": ["until": "2027-01-01T00:00:00Z"],
        ], id: "tree")
        #expect(try RewardDraft.parse(draft.document, id: "tree") == draft)
    }
}

@Suite struct RewardEligibilityTests {
    let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)
    let sales = RewardEligibility.Candidate(role: "sales", organizationKind: "customer", segments: ["smb"])

    func reward(_ change: (inout Reward) -> Void = { _ in }) -> Reward {
        var reward = Reward(id: "mug", name: "Mug", kind: .merchandise, cost: RewardCost(currency: "points", amount: 1500), createdAt: now, updatedAt: now)
        change(&reward)
        return reward
    }

    func messages(_ reward: Reward, _ candidate: RewardEligibility.Candidate? = nil, available: Int64 = 2_000, redeemed: Int64 = 0) -> [String] {
        RewardEligibility.check(reward, for: candidate ?? sales, available: available, redeemed: redeemed, at: now).reasons.map(\.message)
    }

    @Test func enoughPointsAndNothingElseIsRedeemableNow() {
        #expect(RewardEligibility.check(reward(), for: sales, available: 1_500, redeemed: 0, at: now).redeemableNow)
        #expect(messages(reward(), available: 900) == ["needs 1500 points, has 900"])
    }

    @Test func everyReasonIsGivenTogether() {
        let closed = reward {
            $0.stock = 0
            $0.perMemberLimit = 2
            $0.activeUntil = now
            $0.audience = RewardAudience(roles: ["engineer"])
        }
        #expect(messages(closed, available: 0, redeemed: 2) == [
            "outside its active window", "out of stock", "per-member limit of 2 reached",
            "not in the audience: role sales is not one of engineer", "needs 1500 points, has 0",
        ])
    }

    @Test func theWindowIncludesFromAndExcludesUntil() {
        #expect(messages(reward { $0.activeFrom = now }) == [])
        #expect(messages(reward { $0.activeFrom = now.adding(milliseconds: 1) }) == ["outside its active window"])
        #expect(messages(reward { $0.activeUntil = now.adding(milliseconds: 1) }) == [])
        #expect(messages(reward { $0.perMemberLimit = 2 }, redeemed: 1) == [])
        #expect(messages(reward { $0.stock = 1 }) == [])
    }

    @Test func theAudienceNeedsEveryNonEmptyListToMatch() {
        #expect(messages(reward { $0.audience = RewardAudience(roles: ["sales"], organizationKinds: ["customer"], segments: ["smb", "mid"]) }) == [])
        #expect(messages(reward { $0.audience = RewardAudience(organizationKinds: ["supplier"]) }).count == 1)
        #expect(messages(reward { $0.audience = RewardAudience(segments: ["enterprise"]) }).count == 1)
        let orphan = RewardEligibility.Candidate(role: "sales", organizationKind: nil, segments: [])
        #expect(messages(reward { $0.audience = RewardAudience(organizationKinds: ["customer"]) }, orphan).count == 1)
    }
}

@Suite struct RedemptionStatusTests {
    let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)

    func pending() -> Redemption {
        Redemption(id: "r", memberID: "ann", rewardID: "mug", currency: "points", cost: 300, createdAt: now)
    }

    @Test func fulfillingIsFinalAndRepeatingItChangesNothing() {
        var redemption = pending()
        #expect(redemption.fulfill(code: "A", at: now) == .apply)
        #expect(redemption.status == .fulfilled && redemption.code == "A" && redemption.fulfilledAt == now)
        let fulfilled = redemption
        #expect(redemption.fulfill(code: "B", at: now.adding(milliseconds: 5)) == .unchanged)
        #expect(redemption == fulfilled)
        #expect(redemption.cancel(at: now) == .refuse("redemption r is fulfilled; it cannot be cancelled"))
        #expect(redemption == fulfilled)
    }

    @Test func cancellingIsFinalAndRepeatingItChangesNothing() {
        var redemption = pending()
        #expect(redemption.cancel(at: now) == .apply)
        #expect(redemption.status == .cancelled && redemption.cancelledAt == now)
        #expect(redemption.cancel(at: now) == .unchanged)
        #expect(redemption.fulfill(code: nil, at: now) == .refuse("redemption r is cancelled; it cannot be fulfilled"))
    }

    @Test func generatedIDsAreDistinctAndShaped() {
        let ids = Set((0..<100).map { _ in Redemption.generateID() })
        #expect(ids.count == 100)
        #expect(ids.allSatisfy { $0.hasPrefix("rdm_") && $0.count == 28 })
    }
}

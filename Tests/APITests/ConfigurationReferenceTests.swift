import Testing
import Engine
@testable import API

/// The reference checks over the in-memory store (the same answers as SQLite's), and how a refusal
/// becomes problem+json.
struct ConfigurationReferenceTests {
    private static let context = ChangeContext(principal: nil, at: Timestamp(millisecondsSinceEpoch: 1_000), requestID: "r")

    private func program() throws -> InMemoryStore {
        let store = InMemoryStore()
        try store.writeAndWait { store in
            _ = try CurrencyCommands.put("points", try CurrencyDraft.parse(["name": "Points"], id: "points"), context: Self.context, in: store)
            _ = try BadgeCommands.put("pro", try BadgeDraft.parse(["name": "Pro"], id: "pro"), context: Self.context, in: store)
            let document: JSONValue = ["name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 5]], ["badge": "pro"]]]
            _ = try RuleCatalogCommands.put(
                "deal", rule: try RuleParser.parse(document, id: "deal"), document: document, context: Self.context, in: store)
        }
        return store
    }

    private enum Target { case currency, badge }

    /// The problem a delete answers, or nil when it went through.
    private func refusal(deleting target: Target, _ id: String, in store: InMemoryStore) -> Problem? {
        do {
            switch target {
            case .currency: try store.writeAndWait { try CurrencyCommands.delete(id, context: Self.context, in: $0) }
            case .badge: try store.writeAndWait { try BadgeCommands.delete(id, context: Self.context, in: $0) }
            }
            return nil
        } catch {
            return Problem.from(error)
        }
    }

    @Test func aRefusedDeleteIsA409ListingEachDependant() throws {
        let store = try program()
        let currency = try #require(refusal(deleting: .currency, "points", in: store))
        #expect(currency.status == 409)
        #expect(currency.errors == [ValidationError(path: "rules/deal", message: "awards points")])
        #expect(currency.detail.contains("rules/deal: awards points"))
        let badge = try #require(refusal(deleting: .badge, "pro", in: store))
        #expect(badge.errors == [ValidationError(path: "rules/deal", message: "awards the badge pro")])
        #expect(try store.read { try $0.currency(id: "points") } != nil && store.read { try $0.badge(id: "pro") } != nil)
    }

    @Test func aDeletedRuleNoLongerHoldsAnything() throws {
        let store = try program()
        try store.writeAndWait { try RuleCatalogCommands.delete("deal", context: Self.context, in: $0) }
        #expect(refusal(deleting: .currency, "points", in: store)?.status == nil)
        #expect(refusal(deleting: .badge, "pro", in: store)?.status == nil)
    }

    @Test func pointsHeldByAMemberKeepTheCurrency() throws {
        let store = try program()
        try store.writeAndWait { store in
            try RuleCatalogCommands.delete("deal", context: Self.context, in: store)
            _ = try OrganizationCommands.put("acme", try OrganizationDraft.parse(["name": "Acme", "kind": "partner"], id: "acme"),
                                             context: Self.context, in: store)
            _ = try MemberCommands.put("ann", try MemberDraft.parse(["organization_id": "acme", "role": "sales"], id: "ann"),
                                       context: Self.context, in: store)
            let credit = try AdjustmentDraft.parse(["member_id": "ann", "currency": "points", "amount": 3, "reason": "gift"])
            _ = try AdjustmentCommands.adjust(credit, context: Self.context, in: store)
        }
        let refused = try #require(refusal(deleting: .currency, "points", in: store))
        #expect(refused.errors.map(\.path) == ["balances"])
        #expect(try store.read { try $0.outstanding(currency: "points") }.holders == 1)
    }
}

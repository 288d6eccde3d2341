import Engine
import HTTP

/// Balances of members and organizations in every currency, from the ledger's lots.
enum BalanceRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/members/{id}/balances", access: .anyKey,
            summary: "A member's balance in every currency: available, pending, expiring soon (30 days).", tag: "ledger",
            responses: [(200, "The balances.", "Balances")]
        ) { context, _, respond in
            respond(context.read { store in
                let member = try MemberCommands.get(context.parameter("id"), as: context.caller, in: store).member
                return .json(try balances(of: .member(member.id), at: context.now, in: store))
            })
        },
        RouteSpec(
            "GET", "/v1/organizations/{id}/balances", access: .anyKey,
            summary: "An organization's own balance in every currency (company-credited points).", tag: "ledger",
            responses: [(200, "The balances.", "Balances")]
        ) { context, _, respond in
            respond(context.read { store in
                let organization = try OrganizationCommands.get(context.parameter("id"), as: context.caller, in: store)
                return .json(try balances(of: .organization(organization.id), at: context.now, in: store))
            })
        },
    ]

    /// `{"balances": {"points": {"available": 240, "pending": 0, "expiring_soon": 0, …}}}`, every
    /// configured currency listed, zero where nothing was earned.
    static func balances(of holder: LedgerHolder, at: Timestamp, in store: any StoreReader) throws -> JSONValue {
        let view = LedgerView(store)
        var balances = JSONObject()
        var after: String?
        repeat {
            let page = try store.currencies(page: PageRequest(limit: PageRequest.limitMax, after: after))
            for currency in page.items {
                balances[currency.id] = try view.balance(of: holder, currency.id, at: at).json
            }
            after = page.nextAfter
        } while after != nil
        return .object(JSONObject([("balances", .object(balances))]))
    }
}

import Engine
import HTTP

/// Balances of members and organizations in every currency, from the ledger's lots.
enum BalanceRoutes {
    /// How far ahead `expiring_soon` looks: 30 days unless the caller asks for another window.
    static let expiringWithinDays = QueryParameter(
        "expiring_within_days", "The window of expiring_soon in days, 0 to \(LotExpiry.daysMax) (default 30).",
        rule: .integer(0...LotExpiry.daysMax, default: 30))

    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/members/{id}/balances", access: .anyKey,
            summary: "A member's balance in every currency: available, pending, expiring soon (30 days unless asked otherwise).",
            tag: "ledger", query: [expiringWithinDays], responses: [(200, "The balances.", "Balances")]
        ) { context, query, respond in
            respond(context.read { store in
                let days = query.integer("expiring_within_days")
                let member = try MemberCommands.get(context.parameter("id"), as: context.caller, in: store).member
                return .json(try balances(of: .member(member.id), at: context.now, expiringWithinDays: days, in: store))
            })
        },
        RouteSpec(
            "GET", "/v1/organizations/{id}/balances", access: .anyKey,
            summary: "An organization's own balance in every currency (company-credited points).", tag: "ledger",
            query: [expiringWithinDays], responses: [(200, "The balances.", "Balances")]
        ) { context, query, respond in
            respond(context.read { store in
                let days = query.integer("expiring_within_days")
                let organization = try OrganizationCommands.get(context.parameter("id"), as: context.caller, in: store)
                return .json(try balances(
                    of: .organization(organization.id), at: context.now, expiringWithinDays: days, in: store))
            })
        },
    ]

    /// `{"balances": {"points": {"available": 240, "pending": 0, "expiring_soon": 0, …}}}`, every
    /// configured currency listed, zero where nothing was earned.
    static func balances(
        of holder: LedgerHolder, at: Timestamp, expiringWithinDays: Int? = nil, in store: any StoreReader
    ) throws -> JSONValue {
        let view = LedgerView(store)
        var balances = JSONObject()
        var after: String?
        repeat {
            let page = try store.currencies(page: PageRequest(limit: PageRequest.limitMax, after: after))
            for currency in page.items {
                balances[currency.id] = try view.balance(of: holder, currency.id, at: at, expiringWithinDays: expiringWithinDays ?? 30).json
            }
            after = page.nextAfter
        } while after != nil
        return .object(JSONObject([("balances", .object(balances))]))
    }
}

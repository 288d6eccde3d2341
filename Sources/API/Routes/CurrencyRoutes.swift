import Engine
import HTTP

/// Currencies: admin keys configure them; every key may read them.
enum CurrencyRoutes {
    static let all: [RouteSpec] = ConfigurationRoutes(
        collection: "/v1/currencies", tag: "currencies", schema: "Currency",
        putSummary: "Create or replace a currency: whether it is redeemable, when earned lots expire, how long they stay pending.",
        deleteSummary: "Delete a currency that nothing uses any more: no live rule awards, boosts or limits it, no reward costs it, "
            + "no tier ladder counts it, no holder holds it and no pending redemption holds it. The ledger keeps its history.",
        deleteRefusals: [(409, "Still in use; errors lists every dependant (path rules/ID, rewards/ID, tier-ladders/ID, balances, "
            + "redemptions) and how it depends. Nothing was written.", "Problem")],
        parse: CurrencyDraft.parse, put: { try CurrencyCommands.put($0, $1, context: $2, in: $3) },
        get: { try CurrencyCommands.get($0, in: $1) }, list: { try CurrencyCommands.list(page: $0, in: $1) },
        delete: { try CurrencyCommands.delete($0, context: $1, in: $2) }
    ).routes
}

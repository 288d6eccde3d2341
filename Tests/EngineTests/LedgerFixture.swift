import Testing
import Engine
import TestSupport

/// The in-memory ledger and the invariants every ledger test checks, over the shared literals.
extension LedgerFixture {
    static func make(_ policies: [String: LedgerCurrencyPolicy] = policies) -> (Ledger, InMemoryLedgerStore) {
        let store = InMemoryLedgerStore()
        return (Ledger(store: store, policies: policies), store)
    }

    /// Double entry, materialised = recomputed, no holder below zero, lots sum to the holder's
    /// balance, debt only without points, and a redemption account holds exactly its open hold.
    /// `recomputed` lets a long run pass balances it recomputes from postings incrementally.
    static func checkInvariants(
        _ ledger: Ledger, _ store: InMemoryLedgerStore, at time: Timestamp,
        recomputed: [LedgerAccountCurrency: Int64]? = nil
    ) throws {
        let state = store.state
        let recomputed = try recomputed ?? Ledger.recomputeBalances(state.postings)
        #expect(recomputed == state.balances, "materialised balances differ from postings")

        var sums: [String: Int64] = [:]
        for (key, balance) in state.balances { sums[key.currency, default: 0] += balance }
        for (currency, sum) in sums { #expect(sum == 0, "\(currency) sums to \(sum)") }

        var lotSums: [LedgerAccountCurrency: Int64] = [:]
        for lot in state.lots.values {
            #expect(lot.remaining >= 0 && lot.remaining + lot.expired <= lot.amount, "lot \(lot.id)")
            lotSums[LedgerAccountCurrency(lot.holder.account, lot.currency), default: 0] += lot.remaining
        }
        for (key, balance) in state.balances {
            switch key.account {
            case .member, .organization:
                #expect(balance >= 0, "\(key.account) \(key.currency) is \(balance)")
                #expect(balance == lotSums[key] ?? 0, "\(key.account) lots differ from balance")
                let holder = key.account.holder!
                let view = try ledger.balance(of: holder, key.currency, at: time)
                #expect(view.available >= 0 && view.pending >= 0 && view.total == balance)
                if view.debt > 0 { #expect(balance == 0, "\(holder) owes \(view.debt) yet holds \(balance)") }
            case .clawback:
                #expect(balance <= 0, "a clawback account only records debt")
            case .redemption(let id):
                let hold = state.holds[id]!
                #expect(balance == (hold.state == .open ? hold.amount : 0))
            case .programExpired, .programRedeemed:
                #expect(balance >= 0)
            case .programIssued:
                #expect(balance <= 0)
            }
        }
    }
}

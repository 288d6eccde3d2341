import Testing
import Engine
import TestRandom
import TestSupport

private typealias F = LedgerFixture

struct LedgerPropertyTests {
    static let policies: [String: LedgerCurrencyPolicy] = [
        "points": LedgerCurrencyPolicy(redeemable: true, expiry: .afterDays(60), pendingDays: 7),
        "cash": LedgerCurrencyPolicy(redeemable: true, expiry: .never, pendingDays: 0),
    ]
    static let holders: [LedgerHolder] = [F.m1, F.m2, .member("m-3"), F.org]

    struct Tally {
        var applied: [String: Int] = [:]
        var refused = 0
        var debtSeen = false
    }

    @Test(arguments: [1 as UInt64, 0xC0FFEE])
    func randomSequencesKeepEveryInvariant(seed: UInt64) throws {
        var simulation = Simulation(random: SplitMix64(state: seed))
        let (ledger, store) = (simulation.ledger, simulation.store)
        var now = F.start
        var tally = Tally()
        // Recomputed from postings alone, a posting at a time; in full every 250 steps.
        var recomputed: [LedgerAccountCurrency: Int64] = [:]
        for step in 0..<1_500 {
            now = now.adding(milliseconds: Int64(simulation.random.below(Int(F.dayMs * 2))))
            let before = store.state
            do {
                let name = try simulation.randomOperation(step: step, now: now)
                tally.applied[name, default: 0] += 1
            } catch let error as LedgerError {
                let unchanged = store.state == before  // a Bool: the states themselves are too long to print
                #expect(unchanged, "step \(step) refused with \(error) yet changed the store")
                tally.refused += 1
            }
            let added = try Ledger.recomputeBalances(store.state.postings[before.postings.count...])
            recomputed.merge(added) { $0 + $1 }
            if step % 250 == 0 { #expect(recomputed == (try Ledger.recomputeBalances(store.state.postings))) }
            try F.checkInvariants(ledger, store, at: now, recomputed: recomputed)
            for holder in Self.holders where try ledger.debt(of: holder, "points") > 0 { tally.debtSeen = true }
        }
        // The sequence must really exercise the model, or the invariants prove little.
        for name in ["earn", "spend", "hold", "release", "settle", "reverse", "reverseEvent", "expire", "adjust", "transfer"] {
            #expect((tally.applied[name] ?? 0) > 5, "\(name) applied only \(tally.applied[name] ?? 0) times")
        }
        #expect(tally.refused > 50)
        #expect(tally.debtSeen)
    }

    struct Simulation {
        let store = InMemoryLedgerStore()
        let ledger: Ledger
        var random: SplitMix64
        var redemptionIDs: [String] = []

        init(random: SplitMix64) {
            self.random = random
            ledger = Ledger(store: store, policies: LedgerPropertyTests.policies)
        }

        /// Performs one random operation; returns its name, or throws the ledger's refusal.
        mutating func randomOperation(step: Int, now: Timestamp) throws -> String {
            let holder = random.pick(LedgerPropertyTests.holders)
            let currency = random.pick(["points", "cash"])
            let amount = LedgerPropertyTests.randomAmount(&random)
            let event = "e-\(random.below(300))"
            switch random.below(100) {
            case 0..<25:
                try ledger.earn(amount, currency, to: holder, at: now, references: .init(eventID: event))
                return "earn"
            case 25..<37:
                try ledger.spend(amount, currency, from: holder, at: now, references: .init(eventID: event))
                return "spend"
            case 37..<49:
                let id = random.below(10) == 0 && !redemptionIDs.isEmpty ? random.pick(redemptionIDs) : "r-\(step)"
                try ledger.hold(amount, currency, from: holder, redemptionID: id, at: now)
                redemptionIDs.append(id)
                return "hold"
            case 49..<54:
                try ledger.release(redemptionID: randomRedemption(), at: now)
                return "release"
            case 54..<59:
                try ledger.settle(redemptionID: randomRedemption(), at: now)
                return "settle"
            case 59..<67:
                try ledger.reverse(postingID: Int64(random.below(store.state.postings.count + 3)), at: now)
                return "reverse"
            case 67..<72:
                try ledger.reverse(eventID: event, at: now)
                return "reverseEvent"
            case 72..<77:
                try ledger.expire(now: now)
                return "expire"
            case 77..<88:
                let delta = random.below(3) == 0 ? -amount : amount
                try ledger.adjust(delta, currency, for: holder, reason: "property test", at: now)
                return "adjust"
            default:
                try ledger.transfer(amount, currency, from: holder, to: random.pick(LedgerPropertyTests.holders), at: now)
                return "transfer"
            }
        }

        /// A placed redemption, or now and then one that never was.
        private mutating func randomRedemption() -> String {
            random.below(10) == 0 || redemptionIDs.isEmpty ? "r-none" : random.pick(redemptionIDs)
        }
    }

    /// Mostly small amounts, sometimes the limit, one past it, or zero.
    fileprivate static func randomAmount(_ random: inout SplitMix64) -> Int64 {
        switch random.below(100) {
        case 0: return 0
        case 1: return 1_000_000_000_001
        case 2: return 1_000_000_000_000
        default: return Int64(1 + random.below(300))
        }
    }
}

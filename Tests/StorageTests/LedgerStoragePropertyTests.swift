import Testing
import Engine
@testable import Storage
import TestRandom
import TestSupport

/// The ledger over SQLite, run in lockstep with `InMemoryLedgerStore` on the same random
/// operations, each in a write of its own: both must answer the same and store the same, and the
/// SQL side must keep every invariant after every step.
struct LedgerStoragePropertyTests {
    static let policies: [String: LedgerCurrencyPolicy] = [
        "points": LedgerCurrencyPolicy(redeemable: true, expiry: .afterDays(60), pendingDays: 7),
        "cash": LedgerCurrencyPolicy(redeemable: true, expiry: .never, pendingDays: 0),
    ]
    static let holders: [LedgerHolder] = [LedgerFixture.m1, LedgerFixture.m2, .member("m-3"), LedgerFixture.org]
    static let steps = 400

    @Test(arguments: [7 as UInt64, 0xC0FFEE])
    func sqliteAgreesWithMemoryAndKeepsEveryInvariant(seed: UInt64) throws {
        let db = try TestDatabase()
        let memory = InMemoryLedgerStore()
        let memoryLedger = Ledger(store: memory, policies: Self.policies)
        let clock = ManualClock(LedgerFixture.start)
        var generator = OperationGenerator(random: SplitMix64(state: seed))
        var applied: [String: Int] = [:]
        var refused = 0
        var debtSeen = false
        var abandonedCount = 0
        var before = try db.ledgerSnapshot()
        // Recomputed from SQL's postings alone, a posting at a time; in full every 100 steps.
        var recomputed: [LedgerAccountCurrency: Int64] = [:]
        for step in 0..<Self.steps {
            clock.advance(milliseconds: Int64(generator.random.below(Int(LedgerFixture.dayMs * 2))))
            let now = clock.now()
            let openRedemptions = memory.state.holds.values.filter { $0.state == .open }.map(\.redemptionID).sorted()
            let operation = generator.next(step: step, postingCount: memory.state.postings.count, openRedemptions: openRedemptions)
            // Now and then the operation is undone by its caller after it has written everything:
            // the refusals the ledger itself makes are mostly found before it writes anything.
            let abandoned = generator.random.below(10) == 0
            let outcome: LedgerOutcome
            if abandoned {
                try Self.abandon(operation, in: memoryLedger, at: now)
                try db.ledger(Self.policies) { try Self.abandon(operation, in: $0, at: now) }
                outcome = .refused(.emptyReason)  // stands for "changed nothing" below
            } else {
                let expected = try operation.apply(to: memoryLedger, at: now)
                outcome = try db.ledger(Self.policies) { try operation.apply(to: $0, at: now) }
                #expect(outcome == expected, "step \(step): \(operation)")
            }

            let after = try db.ledgerSnapshot(knownPostings: before.postings)
            let differences = after.differences(from: LedgerSnapshot(memory.state))
            #expect(differences.isEmpty, "step \(step) \(operation.name): SQLite and memory differ in \(differences)")
            if abandoned {
                abandonedCount += 1
                let changed = after.differences(from: before)
                #expect(changed.isEmpty, "step \(step) abandoned \(operation.name) yet changed \(changed)")
            } else if outcome.isRefused {
                refused += 1
                let changed = after.differences(from: before)
                #expect(changed.isEmpty, "step \(step) refused \(operation.name) yet changed \(changed)")
            } else {
                applied[operation.name, default: 0] += 1
            }
            let added = try Ledger.recomputeBalances(after.postings[before.postings.count...])
            recomputed.merge(added) { $0 + $1 }
            if step % 100 == 99 {
                let full = try db.ledgerSnapshot()
                #expect(full == after, "reading postings incrementally missed something")
                #expect(recomputed == (try Ledger.recomputeBalances(full.postings)))
            }
            try checkInvariants(after, recomputed: recomputed)
            debtSeen = try checkHolderViews(db, against: memoryLedger, at: now) || debtSeen
            before = after
        }
        // The sequence must really exercise the model, or the agreement proves little.
        for name in ["earn", "spend", "hold", "release", "settle", "reverse", "reverseEvent", "expire", "adjust", "transfer"] {
            #expect((applied[name] ?? 0) >= 5, "\(name) applied only \(applied[name] ?? 0) times")
        }
        #expect(refused > 20 && abandonedCount > 20)
        #expect(debtSeen)
    }

    private struct Abandoned: Error {}

    /// Runs `operation` inside `ledger.store.atomically`, then throws from inside it, as a caller
    /// would that gives up after the ledger wrote: nothing of the operation may remain.
    private static func abandon(_ operation: LedgerOperation, in ledger: Ledger, at now: Timestamp) throws {
        do {
            try ledger.store.atomically { () throws -> Void in
                _ = try operation.apply(to: ledger, at: now)
                throw Abandoned()
            }
        } catch is Abandoned {}
    }

    /// Double entry, materialised = recomputed, no holder below zero, lots consistent and summing
    /// to their holder's balance, redemption accounts holding exactly their open hold.
    private func checkInvariants(_ snapshot: LedgerSnapshot, recomputed: [LedgerAccountCurrency: Int64]) throws {
        #expect(recomputed == snapshot.balances, "materialised balances differ from postings")
        var sums: [String: Int64] = [:]
        for (key, balance) in snapshot.balances { sums[key.currency, default: 0] += balance }
        for (currency, sum) in sums { #expect(sum == 0, "\(currency) sums to \(sum)") }
        var lotSums: [LedgerAccountCurrency: Int64] = [:]
        for lot in snapshot.lots.values {
            #expect(lot.remaining >= 0 && lot.expired >= 0 && lot.remaining + lot.expired <= lot.amount, "lot \(lot.id)")
            lotSums[LedgerAccountCurrency(lot.holder.account, lot.currency), default: 0] += lot.remaining
        }
        for (key, balance) in snapshot.balances {
            switch key.account {
            case .member, .organization:
                #expect(balance >= 0, "\(key.account) \(key.currency) is \(balance)")
                #expect(balance == lotSums[key] ?? 0, "\(key.account) lots differ from balance")
            case .clawback:
                #expect(balance <= 0, "a clawback account only records debt")
            case .redemption(let id):
                let hold = try #require(snapshot.holds[id])
                #expect(balance == (hold.state == .open ? hold.amount : 0))
            case .programExpired, .programRedeemed:
                #expect(balance >= 0)
            case .programIssued:
                #expect(balance <= 0)
            }
        }
    }

    /// Each holder's balance view, read from a reader's snapshot, equals memory's; true if any
    /// holder is in debt.
    private func checkHolderViews(_ db: TestDatabase, against memoryLedger: Ledger, at now: Timestamp) throws -> Bool {
        let memoryStore = try #require(memoryLedger.store as? InMemoryLedgerStore)
        let later = now.adding(milliseconds: 365 * 86_400_000)
        return try db.readLedger(Self.policies) { ledger, store throws in
            var debt = false
            for holder in Self.holders {
                for currency in ["points", "cash"] {
                    let view = try ledger.balance(of: holder, currency, at: now)
                    #expect(view == (try memoryLedger.balance(of: holder, currency, at: now)), "\(holder) \(currency)")
                    // The lifetime earnings kept on the balance row, against their definition over postings.
                    #expect(try store.earned(holder: holder, currency: currency, from: nil, until: later)
                            == memoryStore.earned(holder: holder, currency: currency, from: nil, until: later),
                            "\(holder) \(currency) lifetime earnings")
                    if view.debt > 0 {
                        debt = true
                        #expect(view.total == 0, "\(holder) owes \(view.debt) yet holds \(view.total)")
                    }
                }
            }
            return debt
        }
    }

    /// The same mix as EngineTests' LedgerPropertyTests, aimed more at open redemptions.
    struct OperationGenerator {
        var random: SplitMix64
        var redemptionIDs: [String] = []

        /// `openRedemptions` (sorted, so that a seed replays) make releases and settlements mostly
        /// succeed in a short run.
        mutating func next(step: Int, postingCount: Int, openRedemptions: [String]) -> LedgerOperation {
            let holder = random.pick(LedgerStoragePropertyTests.holders)
            let currency = random.pick(["points", "cash"])
            let amount = randomAmount()
            let event = "e-\(random.below(100))"
            switch random.below(100) {
            case 0..<25:
                return .earn(amount, currency, holder, eventID: event)
            case 25..<37:
                return .spend(amount, currency, holder, eventID: event)
            case 37..<49:
                let id = random.below(10) == 0 && !redemptionIDs.isEmpty ? random.pick(redemptionIDs) : "r-\(step)"
                redemptionIDs.append(id)
                return .hold(amount, currency, holder, redemptionID: id)
            case 49..<54:
                return .release(redemptionID: randomRedemption(openRedemptions))
            case 54..<59:
                return .settle(redemptionID: randomRedemption(openRedemptions))
            case 59..<67:
                return .reverse(postingID: Int64(random.below(postingCount + 3)))
            case 67..<72:
                return .reverseEvent(event)
            case 72..<77:
                return .expire
            case 77..<88:
                return .adjust(random.below(3) == 0 ? -amount : amount, currency, holder)
            default:
                return .transfer(amount, currency, from: holder, to: random.pick(LedgerStoragePropertyTests.holders))
            }
        }

        /// Mostly an open redemption; otherwise any asked for (perhaps closed or never placed), or
        /// now and then one that never was.
        private mutating func randomRedemption(_ open: [String]) -> String {
            if random.below(10) == 0 || redemptionIDs.isEmpty { return "r-none" }
            return random.below(4) != 0 && !open.isEmpty ? random.pick(open) : random.pick(redemptionIDs)
        }

        /// Mostly small amounts, sometimes the limit, one past it, or zero.
        private mutating func randomAmount() -> Int64 {
            switch random.below(100) {
            case 0: return 0
            case 1: return 1_000_000_000_001
            case 2: return 1_000_000_000_000
            default: return Int64(1 + random.below(300))
            }
        }
    }
}

extension LedgerSnapshot {
    /// The parts that differ, by name: the snapshots themselves are too long to print.
    func differences(from other: LedgerSnapshot) -> [String] {
        var names: [String] = []
        if postings != other.postings { names.append("postings (\(postings.count) vs \(other.postings.count))") }
        if lots != other.lots { names.append("lots") }
        if holds != other.holds { names.append("holds") }
        if balances != other.balances { names.append("balances") }
        if reversed != other.reversed { names.append("reversed") }
        return names
    }
}

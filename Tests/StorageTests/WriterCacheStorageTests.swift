import Dispatch
import Synchronization
import Testing
import Engine
@testable import Storage
import TestRandom

private struct Abandoned: Error {}

/// The writer keeps members, organizations, balances, the next ledger ids, tier states and the
/// configuration generations between its transactions (`WriterCache`). Whatever its batches do — commit, roll back because a neighbour
/// wrote and failed, run again, undo a savepoint, delete — what its next transaction
/// sees must be what the database holds, which is what a reader sees.
struct WriterCacheStorageTests {
    static let policies = ["points": LedgerCurrencyPolicy(redeemable: true, expiry: .never, pendingDays: 0)]
    static let memberIDs = (1...6).map { "m-\($0)" }
    static let organizationIDs = ["o-1", "o-2"]

    /// Everything the writer caches, as one transaction sees it.
    struct View: Equatable {
        var balances: [Int64] = []
        var members: [Member?] = []
        var organizations: [Organization?] = []
        var nextPostingID: Int64 = 0
        var nextLotID: Int64 = 0
        /// Changed by triggers, which the writer learns of from its connection's update hook.
        var generations: [Int64] = []
        var tierStates: [TierState?] = []

        init(_ store: any StoreReader) throws {
            for id in WriterCacheStorageTests.memberIDs {
                balances.append(try store.balance(of: LedgerAccountCurrency(.member(id), "points")))
                members.append(try store.member(id: id))
            }
            for account in [LedgerAccount.programIssued, .programRedeemed, .programExpired] {
                balances.append(try store.balance(of: LedgerAccountCurrency(account, "points")))
            }
            organizations = try WriterCacheStorageTests.organizationIDs.map { try store.organization(id: $0) }
            let sql = try #require(store as? SQLStore)
            nextPostingID = try sql.nextPostingID()
            nextLotID = try sql.nextLotID()
            generations = try ["message_templates", "organization_names", "rules"].map { try sql.configurationGeneration($0) }
            tierStates = try WriterCacheStorageTests.memberIDs.map { try store.tierState(holder: .member($0), ladderID: "l") }
        }
    }

    @Test(arguments: [11 as UInt64, 0xBADCAFE])
    func theWritersNextTransactionSeesWhatTheDatabaseHolds(seed: UInt64) throws {
        let db = try TestDatabase()
        for id in Self.organizationIDs { try db.putOrganization(id, try organization(id)) }
        let currency = try CurrencyDraft.parse(["name": "Points"], id: "points")
        _ = try db.write { try CurrencyCommands.put("points", currency, context: change(), in: $0) }
        _ = try db.write { try TierCommands.put("l", try Self.ladder(), context: change(), in: $0) }
        var random = SplitMix64(state: seed)
        for round in 0..<40 {
            // Submitted without waiting, so that the writer takes them in batches.
            let done = DispatchGroup()
            for step in 0..<12 {
                let job = Self.job(random.below(15), random: &random, at: Int64(round * 100 + step + 1) * 1_000)
                done.enter()
                db.store.write(job) { _ in done.leave() }
            }
            done.wait()
            let writer = try db.write { try View($0) }
            let reader = try db.read { try View($0) }
            #expect(writer == reader, "round \(round)")
            #expect(writer.balances.reduce(0, +) == 0, "every point issued is held or spent")
        }
    }

    /// One write of a random kind, at `milliseconds`.
    private static func job(
        _ kind: Int, random: inout SplitMix64, at milliseconds: Int64
    ) -> @Sendable (any StoreWriter) throws -> Void {
        let memberID = random.pick(memberIDs)
        let organizationID = random.pick(organizationIDs)
        let amount = Int64(1 + random.below(50))
        let now = Timestamp(millisecondsSinceEpoch: milliseconds)
        let context = change(at: milliseconds)
        switch kind {
        case 0, 1:
            return { store in _ = try Ledger(store: store, policies: policies).earn(amount, "points", to: .member(memberID), at: now) }
        case 2:
            // Often more than the balance: refused, after or before writing.
            return { store in _ = try? Ledger(store: store, policies: policies).spend(amount, "points", from: .member(memberID), at: now) }
        case 3:
            // Writes, then fails: the whole batch is rolled back and its other jobs run again.
            return { store in
                _ = try Ledger(store: store, policies: policies).earn(amount, "points", to: .member(memberID), at: now)
                throw Abandoned()
            }
        case 4:
            // Asks once to run again, having written.
            let runs = Mutex(0)
            return { store in
                _ = try Ledger(store: store, policies: policies).earn(amount, "points", to: .member(memberID), at: now)
                if runs.withLock({ $0 += 1; return $0 }) == 1 { throw WriteAgain() }
            }
        case 5:
            return { store in
                guard try store.organization(id: organizationID) != nil else { return }
                _ = try MemberCommands.put(memberID, try member(memberID, in: organizationID, name: "n\(amount)"), context: context, in: store)
            }
        case 6:
            return { store in try store.deleteMember(id: memberID) }
        case 7:
            // Refused by the schema while it has members.
            return { store in try store.deleteOrganization(id: organizationID) }
        case 9:
            return { store in try store.save(template(title: "t\(amount)", at: now)) }
        case 10:
            return { store in try store.deleteMessageTemplate(trigger: .award) }
        case 11:
            // Changes a generation, then fails: the batch is rolled back, the generation with it.
            return { store in
                try store.save(template(title: "abandoned \(amount)", at: now))
                throw Abandoned()
            }
        case 12:
            let level = random.pick(["bronze", "gold"])
            return { store in try store.save(TierState(holder: .member(memberID), ladderID: "l", levelID: level, since: now)) }
        case 13:
            // Every holder's state on the ladder goes with it; the ladder comes back empty.
            return { store in
                try TierCommands.delete("l", context: context, in: store)
                _ = try TierCommands.put("l", try ladder(), context: context, in: store)
            }
        case 14:
            return { store in
                try store.save(TierState(holder: .member(memberID), ladderID: "l", levelID: "gold", since: now))
                throw Abandoned()
            }
        default:
            return { store in _ = try OrganizationCommands.put(organizationID, try organization(organizationID, name: "Org \(amount)"), context: context, in: store) }
        }
    }

    private static func ladder() throws -> TierLadderDraft {
        try TierLadderDraft.parse([
            "name": "L", "subject": "member", "currency": "points", "window": "lifetime",
            "levels": [["id": "bronze", "threshold": 0], ["id": "gold", "threshold": 100]],
        ], id: "l")
    }

    private static func template(title: String, at: Timestamp) -> MessageTemplate {
        MessageTemplate(trigger: .award, title: title, body: "{{points}} points", tips: [], createdAt: at, updatedAt: at)
    }
}

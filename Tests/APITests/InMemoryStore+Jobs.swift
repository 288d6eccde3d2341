import Engine

/// The scheduler's tables in memory: jobs, tier review watches and changes, matured lots.
struct InMemoryJobState: Sendable {
    var jobs: [String: Job] = [:]
    var watches: [String: TierWatch] = [:]
    var changes: [TierChange] = []
    var maturedLotIDs: [Int64: LedgerHolder] = [:]
}

extension InMemoryTransaction {
    func job(key: String) throws -> Job? { state.jobs.jobs[key] }

    func jobs(page request: PageRequest) throws -> Page<Job> {
        let sorted = state.jobs.jobs.values.sorted { $0.key < $1.key }.filter { $0.key > (request.after ?? "") }
        return Page(fetched: Array(sorted.prefix(request.limit + 1)), limit: request.limit, key: \.key)
    }

    func dueJobs(at: Timestamp, limit: Int) throws -> [Job] {
        let due = state.jobs.jobs.values.filter { $0.state == .scheduled && $0.dueAt <= at }
        return Array(due.sorted { ($0.dueAt, $0.key) < ($1.dueAt, $1.key) }.prefix(limit))
    }

    func save(_ job: Job) throws { state.jobs.jobs[job.key] = job }

    func deleteJob(key: String) throws { state.jobs.jobs[key] = nil }

    func lotsMaturing(from: Timestamp, through: Timestamp, limit: Int) throws -> [Lot] {
        let lots = ledger.state.lots.values.filter {
            $0.availableAt > $0.earnedAt && $0.availableAt >= from && $0.availableAt <= through && state.jobs.maturedLotIDs[$0.id] == nil
        }
        return Array(lots.sorted { ($0.availableAt, $0.id) < ($1.availableAt, $1.id) }.prefix(limit))
    }

    func maturityCount(holder: LedgerHolder) throws -> Int { state.jobs.maturedLotIDs.values.filter { $0 == holder }.count }

    func recordMaturity(of lot: Lot, recordedAt: Timestamp) throws { state.jobs.maturedLotIDs[lot.id] = lot.holder }

    func deleteIdempotencyRecords(createdBefore before: Timestamp, limit: Int) throws -> Int {
        let old = state.idempotency.filter { $0.value.createdAt < before }.sorted { $0.value.createdAt < $1.value.createdAt }.prefix(limit)
        for (slot, _) in old { state.idempotency[slot] = nil }
        return old.count
    }

    func membersHoldingBadge(organizationID: String, badgeID: String) throws -> Int {
        state.members.values.filter { member in
            member.organizationID == organizationID
                && state.memberBadges.contains { $0.memberID == member.id && $0.badgeID == badgeID && $0.revokedAt == nil }
        }.count
    }

    func tierStates(ladderID: String, afterHolder: String?, limit: Int) throws -> [TierState] {
        let states = state.tierStates.values.filter { $0.ladderID == ladderID && $0.holder.description > (afterHolder ?? "") }
        return Array(states.sorted { $0.holder.description < $1.holder.description }.prefix(limit))
    }

    func tierWatch(holder: LedgerHolder, ladderID: String) throws -> TierWatch? { state.jobs.watches["\(holder)|\(ladderID)"] }

    func tierWatches(ladderID: String, afterHolder: String?, limit: Int) throws -> [TierWatch] {
        let watches = state.jobs.watches.values.filter { $0.ladderID == ladderID && $0.holder.description > (afterHolder ?? "") }
        return Array(watches.sorted { $0.holder.description < $1.holder.description }.prefix(limit))
    }

    func tierChanges(holder: LedgerHolder, ladderID: String, limit: Int) throws -> [TierChange] {
        Array(state.jobs.changes.filter { $0.holder == holder && $0.ladderID == ladderID }.reversed().prefix(limit))
    }

    func save(_ watch: TierWatch) throws { state.jobs.watches["\(watch.holder)|\(watch.ladderID)"] = watch }

    func deleteTierWatch(holder: LedgerHolder, ladderID: String) throws { state.jobs.watches["\(holder)|\(ladderID)"] = nil }

    func append(_ change: TierChange) throws { state.jobs.changes.append(change) }
}

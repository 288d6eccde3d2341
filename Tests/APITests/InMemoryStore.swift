import Engine
import Synchronization

/// A `ProgramStore` over dictionaries, for driving the API without SQLite. A write runs on a copy
/// of the state which replaces the state only when the write returns, so a write that throws
/// leaves nothing, as in the real store. Writes run synchronously and then call the completion.
final class InMemoryStore: ProgramStore {
    private let state = Mutex(InMemoryState())
    /// Called before every read when set: lets a test hold a read where it is.
    let readGate = Mutex<(@Sendable () -> Void)?>(nil)

    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        readGate.withLock { $0 }?()
        return try body(InMemoryTransaction(state.withLock { $0 }))
    }

    func write<T: Sendable>(
        _ body: @escaping @Sendable (any StoreWriter) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        let result = state.withLock { state -> Result<T, any Error> in
            // Like the real writer: a body that throws `WriteAgain` runs once more on the state as it was.
            for attempt in 1...2 {
                let transaction = InMemoryTransaction(state, inOwnSavepoint: attempt == 2)
                do {
                    let value = try body(transaction)
                    state = transaction.snapshot()
                    return .success(value)
                } catch is WriteAgain where attempt == 1 {
                    continue
                } catch {
                    return .failure(error)
                }
            }
            return .failure(WriteAgain())
        }
        completion(result)
    }
}

/// A uniqueness rule of the real schema was broken.
struct InMemoryStoreError: Error {
    let message: String
}

struct InMemoryState: Sendable {
    var organizations: [String: Organization] = [:]
    var members: [String: Member] = [:]
    var memberships: [Membership] = []
    var keys: [String: APIKey] = [:]
    var currencies: [String: Currency] = [:]
    var badges: [String: Badge] = [:]
    var memberBadges: [MemberBadge] = []
    var tierLadders: [String: TierLadder] = [:]
    var tierStates: [String: TierState] = [:]
    var ruleVersions: [RuleVersion] = []
    var deletedRules: Set<String> = []
    var audit: [AuditEntry] = []
    var idempotency: [String: IdempotencyRecord] = [:]
    var events: [String: Event] = [:]
    var outcomes: [String: JSONValue] = [:]
    var ruleAwards: [RuleAwardRecord] = []
    var rulesGeneration: Int64 = 0
    var ruleFires: [RuleFireRecord] = []
    var ledger = InMemoryLedgerStore.State()
    var rewards = InMemoryRewardState()
    var boosts = InMemoryBoostState()
    var jobs = InMemoryJobState()
    var leaderboards = InMemoryLeaderboardState()
    var quests = InMemoryQuestState()
    var webhooks: [String: Webhook] = [:]
    var scorecardTemplates: [String: ScorecardTemplate] = [:]
    var interactions: [String: (interaction: Interaction, answer: JSONValue)] = [:]
    var disputes: [String: Dispute] = [:]
    var scorecardPeriods: Set<String> = []
    var scorecardSnapshots: [ScorecardSnapshot] = []
    var feedback: [String: Feedback] = [:]
}

/// One read or write over a copy of the state.
final class InMemoryTransaction: StoreWriter {
    var state: InMemoryState
    /// The ledger part of the state, run by the engine's own in-memory ledger store.
    let ledger: InMemoryLedgerStore

    /// Whether this is the run after a `WriteAgain`, as the SQL writer runs it in a savepoint.
    let inOwnSavepoint: Bool

    init(_ state: InMemoryState, inOwnSavepoint: Bool = false) {
        self.state = state
        self.ledger = InMemoryLedgerStore(state: state.ledger)
        self.inOwnSavepoint = inOwnSavepoint
    }

    func runsInOwnSavepoint() -> Bool { inOwnSavepoint }

    private var rowsWrittenReads: Int64 = 0

    /// Dictionaries keep no count of changes: each answer differs from the last, as if every piece
    /// of work had written something, which sends refusals down the undo path.
    func rowsWritten() -> Int64 {
        rowsWrittenReads += 1
        return rowsWrittenReads
    }

    /// The whole state, the ledger included, as this transaction leaves it.
    func snapshot() -> InMemoryState {
        var snapshot = state
        snapshot.ledger = ledger.state
        return snapshot
    }

    private func page<Item>(_ items: [Item], _ page: PageRequest, key: (Item) -> String) -> Page<Item> {
        let sorted = items.sorted { key($0) < key($1) }
        let rest = page.after.map { after in sorted.filter { key($0) > after } } ?? sorted
        return Page(fetched: Array(rest.prefix(page.limit + 1)), limit: page.limit, key: key)
    }

    // Directory

    func organization(id: String) throws -> Organization? { state.organizations[id] }

    func organizations(_ filter: OrganizationFilter, page: PageRequest) throws -> Page<Organization> {
        let matching = state.organizations.values.filter { organization in
            (filter.kind == nil || organization.kind == filter.kind)
                && (filter.segment.map { organization.segments.contains($0) } ?? true)
                && (filter.status == nil || organization.status == filter.status)
                && (filter.onlyID == nil || organization.id == filter.onlyID)
        }
        return self.page(matching, page, key: \.id)
    }

    func childOrganizationCount(of id: String) throws -> Int {
        state.organizations.values.filter { $0.parentID == id }.count
    }

    func member(id: String) throws -> Member? { state.members[id] }

    func members(_ filter: MemberFilter, page: PageRequest) throws -> Page<Member> {
        let matching = state.members.values.filter { member in
            (filter.organizationID == nil || member.organizationID == filter.organizationID)
                && (filter.role == nil || member.role == filter.role)
                && (filter.team == nil || member.team == filter.team)
                && (filter.status == nil || member.status == filter.status)
        }
        return self.page(matching, page, key: \.id)
    }

    func memberCount(organizationID: String) throws -> Int {
        state.members.values.filter { $0.organizationID == organizationID }.count
    }

    func pastMemberships(memberID: String) throws -> [Membership] {
        state.memberships.filter { $0.memberID == memberID }
    }

    func save(_ organization: Organization) throws { state.organizations[organization.id] = organization }

    func deleteOrganization(id: String) throws { state.organizations[id] = nil }

    func save(_ member: Member) throws { state.members[member.id] = member }

    func deleteMember(id: String) throws {
        state.members[id] = nil
        state.memberships.removeAll { $0.memberID == id }
    }

    func recordPastMembership(_ membership: Membership) throws { state.memberships.append(membership) }

    // Currencies

    func currency(id: String) throws -> Currency? { state.currencies[id] }

    func currencies(page request: PageRequest) throws -> Page<Currency> {
        page(state.currencies.values.sorted { $0.id < $1.id }, request, key: \.id)
    }

    func save(_ currency: Currency) throws { state.currencies[currency.id] = currency }

    func deleteCurrency(id: String) throws { state.currencies[id] = nil }

    func outstanding(currency: String) throws -> CurrencyOutstanding {
        let holders = Set(ledger.state.lots.values.filter { $0.currency == currency && $0.remaining > 0 }.map(\.holder))
        let holds = ledger.state.holds.values.count { $0.currency == currency && $0.state == .open }
        return CurrencyOutstanding(currency: currency, holders: Int64(holders.count), pendingRedemptions: Int64(holds))
    }

    // Tiers

    func tierLadder(id: String) throws -> TierLadder? { state.tierLadders[id] }
    func tierLadders(page request: PageRequest) throws -> Page<TierLadder> { page(Array(state.tierLadders.values), request, key: \.id) }
    func tierLadders(subject: TierSubject) throws -> [TierLadder] {
        state.tierLadders.values.filter { $0.subject == subject }.sorted { $0.id < $1.id }
    }
    func tierState(holder: LedgerHolder, ladderID: String) throws -> TierState? { state.tierStates["\(holder)|\(ladderID)"] }
    func save(_ ladder: TierLadder) throws { state.tierLadders[ladder.id] = ladder }
    func deleteTierLadder(id: String) throws {
        state.tierLadders[id] = nil
        state.tierStates = state.tierStates.filter { $0.value.ladderID != id }
    }
    func save(_ tierState: TierState) throws { state.tierStates["\(tierState.holder)|\(tierState.ladderID)"] = tierState }
    func earned(holder: LedgerHolder, currency: String, from: Timestamp?, until: Timestamp) throws -> Int64 {
        ledger.earned(holder: holder, currency: currency, from: from, until: until)
    }

    // Badges

    func badge(id: String) throws -> Badge? { state.badges[id] }

    func badges(page request: PageRequest) throws -> Page<Badge> { page(Array(state.badges.values), request, key: \.id) }

    func badges(criterionEventType eventType: String) throws -> [Badge] {
        state.badges.values.filter { $0.criterion?.eventType == eventType }.sorted { $0.id < $1.id }
    }

    func holdsBadge(memberID: String, badgeID: String) throws -> Bool {
        state.memberBadges.contains { $0.memberID == memberID && $0.badgeID == badgeID && $0.revokedAt == nil }
    }

    func memberBadges(memberID: String, includeRevoked: Bool, limit: Int) throws -> [MemberBadge] {
        let mine = state.memberBadges.filter { $0.memberID == memberID && (includeRevoked || $0.revokedAt == nil) }
        let sorted = mine.sorted {
            ($0.earnedAt, $1.badgeID, $1.eventID) > ($1.earnedAt, $0.badgeID, $0.eventID)
        }
        return Array(sorted.prefix(limit))
    }

    func save(_ badge: Badge) throws { state.badges[badge.id] = badge }

    func deleteBadge(id: String) throws { state.badges[id] = nil }

    func insert(_ memberBadge: MemberBadge) throws {
        let key = { (badge: MemberBadge) in [badge.memberID, badge.badgeID, badge.eventID] }
        if state.memberBadges.contains(where: { key($0) == key(memberBadge) }) {
            throw InMemoryStoreError(message: "member badge already recorded for this event")
        }
        state.memberBadges.append(memberBadge)
    }

    func revokeBadges(eventID: String, at: Timestamp) throws -> [MemberBadge] {
        var revoked: [MemberBadge] = []
        for index in state.memberBadges.indices where state.memberBadges[index].eventID == eventID && state.memberBadges[index].revokedAt == nil {
            state.memberBadges[index].revokedAt = at
            revoked.append(state.memberBadges[index])
        }
        return revoked.sorted { ($0.memberID, $0.badgeID) < ($1.memberID, $1.badgeID) }
    }

    func revokeBadges(memberID: String, badgeID: String, eventID: String?, at: Timestamp) throws -> [MemberBadge] {
        var revoked: [MemberBadge] = []
        for index in state.memberBadges.indices {
            let held = state.memberBadges[index]
            guard held.memberID == memberID, held.badgeID == badgeID, held.revokedAt == nil, eventID == nil || held.eventID == eventID
            else { continue }
            state.memberBadges[index].revokedAt = at
            revoked.append(state.memberBadges[index])
        }
        return revoked.sorted { ($0.earnedAt.millisecondsSinceEpoch, $0.eventID) < ($1.earnedAt.millisecondsSinceEpoch, $1.eventID) }
    }

    // Rules

    func currentRule(id: String) throws -> RuleVersion? {
        state.deletedRules.contains(id) ? nil : state.ruleVersions.filter { $0.ruleID == id }.max { $0.version < $1.version }
    }

    func currentRules(page request: PageRequest) throws -> Page<RuleVersion> {
        let ids = Set(state.ruleVersions.map(\.ruleID)).subtracting(state.deletedRules).sorted()
        return page(try ids.compactMap { try currentRule(id: $0) }, request, key: \.ruleID)
    }

    func ruleVersions(id: String, page request: PageRequest) throws -> Page<RuleVersion> {
        let before = request.after.flatMap(Int.init) ?? Int.max
        let versions = state.ruleVersions.filter { $0.ruleID == id && $0.version < before }.sorted { $0.version > $1.version }
        return Page(fetched: Array(versions.prefix(request.limit + 1)), limit: request.limit) { String($0.version) }
    }

    func latestRuleVersion(id: String) throws -> Int {
        state.ruleVersions.filter { $0.ruleID == id }.map(\.version).max() ?? 0
    }

    func saveRuleVersion(_ version: RuleVersion) throws {
        state.ruleVersions.append(version)
        state.deletedRules.remove(version.ruleID)
        state.rulesGeneration += 1
    }

    func deleteRule(id: String, at: Timestamp) throws {
        state.deletedRules.insert(id)
        state.rulesGeneration += 1
    }

    func rulesStamp() throws -> RulesStamp { RulesStamp(generation: state.rulesGeneration) }

    // Events

    func event(id: String) throws -> Event? { state.events[id] }

    func events(_ filter: EventFilter, page request: PageRequest) throws -> Page<Event> {
        let matching = state.events.values.filter { event in
            (filter.memberID == nil || event.memberID == filter.memberID)
                && (filter.organizationID == nil || event.organizationID == filter.organizationID)
                && (filter.type == nil || event.type == filter.type)
        }
        return page(Array(matching), request, key: \.id)
    }

    private func timeline(_ filter: EventFilter) -> [Event] {
        state.events.values.filter { event in
            (filter.memberID == nil || event.memberID == filter.memberID)
                && (filter.organizationID == nil || event.organizationID == filter.organizationID)
                && (filter.type == nil || event.type == filter.type)
                && (filter.from.map { event.occurredAt >= $0 } ?? true) && (filter.until.map { event.occurredAt < $0 } ?? true)
        }.sorted { ($0.occurredAt, $0.id) < ($1.occurredAt, $1.id) }
    }

    func eventsOldestFirst(_ filter: EventFilter, page request: PageRequest) throws -> Page<Event> {
        var events = timeline(filter)
        if let after = request.after, let (occurredAt, id) = PageRequest.eventPosition(after) {
            events = events.filter { ($0.occurredAt, $0.id) > (occurredAt, id) }
        }
        return Page(fetched: Array(events.prefix(request.limit + 1)), limit: request.limit, key: PageRequest.eventCursor)
    }

    func eventCount(_ filter: EventFilter, countMax: Int) throws -> Int { min(timeline(filter).count, countMax + 1) }

    private func counted(_ subject: EventSubject, _ type: String, _ from: Timestamp, _ until: Timestamp) -> [Event] {
        state.events.values.filter { event in
            let matchesSubject = switch subject {
            case .member(let id): event.memberID == id
            case .organization(let id): event.organizationID == id
            }
            return matchesSubject && event.type == type && event.reversedAt == nil && event.occurredAt >= from && event.occurredAt < until
        }
    }

    func eventCount(subject: EventSubject, type: String, from: Timestamp, until: Timestamp) throws -> Int {
        counted(subject, type, from, until).count
    }

    func eventSum(subject: EventSubject, type: String, property: String, from: Timestamp, until: Timestamp) throws -> Int64 {
        counted(subject, type, from, until).compactMap { $0.properties[property]?.intValue }.reduce(0, +)
    }

    func eventOutcome(id: String) throws -> JSONValue? { state.outcomes[id] }

    func insert(_ event: Event, outcome: JSONValue?) throws {
        state.events[event.id] = event
        if let outcome { state.outcomes[event.id] = outcome }
    }

    func setOutcome(id: String, outcome: JSONValue) throws { state.outcomes[id] = outcome }

    func markReversed(id: String, at: Timestamp) throws { state.events[id]?.reversedAt = at }

    // Rule awards

    private func awards(_ ruleID: String, _ scope: RuleLimit.Scope, _ subjectID: String?, _ from: Timestamp, _ until: Timestamp) -> [RuleAwardRecord] {
        state.ruleAwards.filter { award in
            let matchesScope = switch scope {
            case .program: true
            case .member: award.memberID == subjectID
            case .organization: award.organizationID == subjectID
            }
            return award.ruleID == ruleID && matchesScope && award.at >= from && award.at < until
                && state.events[award.eventID]?.reversedAt == nil
        }
    }

    func ruleFires(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, from: Timestamp, until: Timestamp, includingUnindexed: Bool
    ) throws -> Int {
        let fires = state.ruleFires.filter { fire in
            let matchesScope = switch scope {
            case .program: true
            case .member: fire.memberID == subjectID
            case .organization: fire.organizationID == subjectID
            }
            return fire.ruleID == ruleID && matchesScope && fire.at >= from && fire.at < until
                && state.events[fire.eventID]?.reversedAt == nil
        }
        return Set(awards(ruleID, scope, subjectID, from, until).map(\.eventID) + fires.map(\.eventID)).count
    }

    func ruleAwarded(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, currency: String, from: Timestamp, until: Timestamp,
        includingUnindexed: Bool
    ) throws -> Int64 {
        awards(ruleID, scope, subjectID, from, until).filter { $0.currency == currency }.map(\.amount).reduce(0, +)
    }

    func record(_ award: RuleAwardRecord) throws { state.ruleAwards.append(award) }

    func record(_ fire: RuleFireRecord) throws { state.ruleFires.append(fire) }

    /// Nothing is indexed here: every award is read whatever its flag.
    func indexRuleAwardsBySubject(ruleID: String, from: Timestamp?) throws {}

    // Ledger: forwarded to the engine's in-memory ledger store

    func posting(id: Int64) throws -> LedgerPosting? { ledger.posting(id: id) }
    func postings(eventID: String) throws -> [LedgerPosting] { ledger.postings(eventID: eventID) }
    func isReversed(postingID: Int64) throws -> Bool { ledger.isReversed(postingID: postingID) }
    func lot(id: Int64) throws -> Lot? { ledger.lot(id: id) }
    func openLots(holder: LedgerHolder, currency: String) throws -> [Lot] { ledger.openLots(holder: holder, currency: currency) }
    func lotsExpired(at time: Timestamp) throws -> [Lot] { ledger.lotsExpired(at: time) }
    func balance(of key: LedgerAccountCurrency) throws -> Int64 { ledger.balance(of: key) }
    func hold(redemptionID: String) throws -> LedgerHold? { ledger.hold(redemptionID: redemptionID) }
    func postings(account: LedgerAccount, currency: String?, beforeID: Int64?, limit: Int) throws -> [LedgerPosting] {
        ledger.postings(account: account, currency: currency, beforeID: beforeID, limit: limit)
    }
    func nextPostingID() throws -> Int64 { ledger.nextPostingID() }
    func nextLotID() throws -> Int64 { ledger.nextLotID() }
    func append(_ posting: LedgerPosting, debitBalance: Int64, creditBalance: Int64) throws {
        ledger.append(posting, debitBalance: debitBalance, creditBalance: creditBalance)
    }
    func setBalance(_ balance: Int64, of key: LedgerAccountCurrency) throws { ledger.setBalance(balance, of: key) }
    func save(_ lot: Lot) throws { ledger.save(lot) }
    func save(_ hold: LedgerHold) throws { ledger.save(hold) }
    func markReversed(postingID: Int64) throws { ledger.markReversed(postingID: postingID) }
    func atomically<T>(_ body: () throws -> T) throws -> T { try ledger.atomically(body) }

    // Keys

    func apiKey(id: String) throws -> APIKey? { state.keys[id] }

    func apiKeys(page: PageRequest) throws -> Page<APIKey> { self.page(Array(state.keys.values), page, key: \.id) }

    func activeKeyCount(role: KeyRole) throws -> Int {
        state.keys.values.filter { $0.role == role && $0.isActive }.count
    }

    func activeKeyCount(organizationID: String) throws -> Int {
        state.keys.values.filter { $0.organizationID == organizationID && $0.isActive }.count
    }

    func insert(_ key: APIKey) throws {
        guard state.keys[key.id] == nil else { throw InMemoryStoreError(message: "duplicate key id \(key.id)") }
        state.keys[key.id] = key
    }

    func revokeKey(id: String, at: Timestamp) throws {
        if state.keys[id]?.revokedAt == nil { state.keys[id]?.revokedAt = at }
    }

    // Audit: newest first, the sequence as the cursor.

    func auditEntries(_ filter: AuditFilter, page: PageRequest) throws -> Page<AuditEntry> {
        let after = page.after.flatMap { Int64($0) } ?? .max
        let matching = state.audit.reversed().filter { entry in
            entry.sequence! < after
                && (filter.entityKind == nil || entry.entityKind == filter.entityKind)
                && (filter.entityID == nil || entry.entityID == filter.entityID)
                && (filter.keyID == nil || entry.keyID == filter.keyID)
                && (filter.action == nil || entry.action == filter.action)
        }
        return Page(fetched: Array(matching.prefix(page.limit + 1)), limit: page.limit) { String($0.sequence!) }
    }

    func append(_ entry: AuditEntry) throws {
        var stored = entry
        stored.sequence = Int64(state.audit.count + 1)
        state.audit.append(stored)
    }

    // Idempotency

    func idempotencyRecord(keyID: String, idempotencyKey: String) throws -> IdempotencyRecord? {
        state.idempotency["\(keyID)\u{0}\(idempotencyKey)"]
    }

    func save(_ record: IdempotencyRecord) throws {
        let slot = "\(record.keyID)\u{0}\(record.idempotencyKey)"
        guard state.idempotency[slot] == nil else { throw InMemoryStoreError(message: "idempotency record saved twice") }
        state.idempotency[slot] = record
    }
}

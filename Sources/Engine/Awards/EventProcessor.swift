/// What an event is worth, decided and booked in the write transaction that records it:
/// record (or recognise a replay), plan the awards of the live rules, book them in the ledger with
/// the rule id and version (multiplied by the holder's tier multiplier, `TierKeeper`), remember them
/// for rule limits (at the amount before the multiplier), add the member's boosts (`BoostSession`),
/// award badges (`BadgeAwarder`), apply the `boost`/`tag`/`notify` effects (`EventEffects`), count
/// the event for its member's quests (`QuestTracker`), upgrade tiers (`TierKeeper`, after badges
/// because tier criteria may count them), and keep the answer with
/// the event so a replay gets exactly the same answer.
public enum EventProcessor {
    public struct Result: Sendable {
        public var event: Event
        /// True when the event had been recorded before and nothing new was done.
        public var replayed: Bool
        /// Everything the event caused: the document the API answers.
        public var outcome: JSONValue
    }

    public static func process(
        _ draft: EventDraft, rules: [AwardPlanner.LiveRule], context: ChangeContext, timeZone: ProgramTimeZone = .utc,
        in store: any StoreWriter
    ) throws -> Result {
        let (event, subject): (Event, AwardSubject)
        switch try EventIntake.admit(draft, context: context, in: store) {
        case .replay(let stored):
            return Result(event: stored, replayed: true, outcome: try store.eventOutcome(id: stored.id) ?? stored.json)
        case .new(let admitted, let member, let organization):
            event = admitted
            subject = AwardSubject(event, member: member, organization: organization)
        }
        // The event is stored last, with its outcome; until then counters count it through this.
        let counters = CountersIncludingEvent(
            EventCounters(events: store, timeZone: timeZone), event: event, timeZone: timeZone)
        var decisions = try plan(subject, rules: rules, counters: counters, timeZone: timeZone, in: store)
        let policies = try currencyPolicies(for: decisions, in: store, decisions: &decisions)
        let ledger = Ledger(store: store, policies: policies)
        var boosts = try BoostSession(subject, in: store)
        let (postings, multipliers) = try book(decisions, of: event, policies: policies, boosts: &boosts, ledger: ledger, in: store)
        let badges = try BadgeAwarder.award(subject, decisions: decisions, rules: rules, counters: counters, in: store)
        badges.annotate(&decisions)
        try boosts.recordUses(in: store)
        var effects = try EventEffects.plan(subject, decisions: decisions, rules: rules, at: context.at, in: store)
        try effects.apply(context: context, in: store)
        effects.annotate(&decisions)
        // After badges and effects, which say whether a rule without a booked award fired.
        for decision in decisions where decision.fired {
            let limitedBySubject = rules.first { $0.rule.id == decision.ruleID }?.rule.limitsBySubject ?? true
            try recordForLimits(decision, event: event, subject: subject, policies: policies, bySubject: limitedBySubject, in: store)
        }
        // After badges, so that a badge this event earned counts for its organization's
        // `members_with_badge` criteria: that organization is evaluated even without an award.
        let badgeOrganization = badges.earned.isEmpty ? [] : subject.organization.map { [LedgerHolder.organization($0.id)] } ?? []
        // After rule awards and badges (a quest's conditions may read what they changed), before
        // tiers, which quest awards may move.
        let quests = try QuestTracker.track(
            subject, event: event, counters: counters, timeZone: timeZone, at: context.at, ruleSteps: effects.questSteps, in: store)
        let tierChanges = try TierKeeper.upgrade(
            postings.map(\.0.holder) + badgeOrganization + quests.holders, at: event.occurredAt, timeZone: timeZone, in: store)
        let outcome = effects.decorate(try EventOutcome.document(
            event: event, decisions: decisions, postings: postings, multipliers: multipliers, badges: badges.earned,
            tierChanges: tierChanges, quests: quests.items, ledger: ledger, at: context.at), boosts: boosts, at: context.at)
        try store.insert(event, outcome: outcome)
        try sendMessages(
            event: event, postings: postings, badges: badges.earned, tierChanges: tierChanges, at: context.at, timeZone: timeZone, in: store)
        return Result(event: event, replayed: false, outcome: outcome)
    }

    /// The members' messages for what the event gave them (awards, badges, tier levels), when the
    /// program has templates for them; one read of the templates when it has none.
    private static func sendMessages(
        event: Event, postings: [(PlannedAward, LedgerPosting)], badges: [BadgeAwarder.Earned], tierChanges: [TierKeeper.Change], at: Timestamp,
        timeZone: ProgramTimeZone, in store: any StoreWriter
    ) throws {
        let messenger = try Messenger(in: store)
        guard !messenger.isSilent else { return }
        for (award, posting) in postings {
            guard case .member(let memberID) = award.holder else { continue }
            try messenger.send(.award, to: memberID, values: [
                "amount": String(posting.amount), "currency": posting.currency, "event_type": event.type, "rule_id": award.ruleID,
            ], eventID: event.id, ruleID: award.ruleID, at: at)
        }
        for earned in badges {
            try messenger.send(.badge, to: earned.record.memberID, values: ["badge_name": earned.badge.name, "badge_id": earned.badge.id],
                               eventID: event.id, at: at)
        }
        for change in tierChanges {
            guard case .member(let memberID) = change.holder else { continue }
            try messenger.send(.tierUp, to: memberID, values: ["tier": change.to, "ladder_id": change.ladderID], eventID: event.id, at: at)
        }
        guard messenger.sends(.nearNextTier) else { return }
        var awarded: [String: [String: Int64]] = [:]
        for (award, posting) in postings {
            if case .member(let memberID) = award.holder { awarded[memberID, default: [:]][posting.currency, default: 0] += posting.amount }
        }
        let ladders = try store.tierLadders(subject: .member)
        for (memberID, amounts) in awarded.sorted(by: { $0.key < $1.key }) {
            for ladder in ladders {
                guard let amount = amounts[ladder.currency] else { continue }
                let holder = LedgerHolder.member(memberID)
                let after = try TierMeasurer.value(of: ladder.thresholdMeasure, for: holder, at: event.occurredAt, timeZone: timeZone, in: store)
                let held = ladder.levelIndex(of: try store.tierState(holder: holder, ladderID: ladder.id)?.levelID)
                guard let crossing = NearNextTier.crossing(on: ladder, heldIndex: held, after: after, awarded: amount) else { continue }
                try messenger.send(.nearNextTier, to: memberID, values: [
                    "tier": crossing.tier, "next_tier": crossing.nextTier, "remaining": String(crossing.remaining),
                    "currency": ladder.currency, "ladder_id": ladder.id,
                ], eventID: event.id, at: at)
            }
        }
    }

    /// Books every planned award in a currency that still exists: the holder's tier multiplier
    /// (as it stood before this event), then the member's boosts, then the ledger.
    private static func book(
        _ decisions: [RuleDecision], of event: Event, policies: [String: LedgerCurrencyPolicy], boosts: inout BoostSession,
        ledger: Ledger, in store: any StoreWriter
    ) throws -> (postings: [(PlannedAward, LedgerPosting)], multipliers: [Int64: Int64]) {
        var postings: [(PlannedAward, LedgerPosting)] = []
        var multipliers: [Int64: Int64] = [:]
        var tierMultipliers = TierMultipliers()
        for decision in decisions {
            for award in decision.awards where policies[award.currency] != nil {
                let perMille = try tierMultipliers.perMille(for: award.holder, in: store)
                let amount = perMille.map { TierMultiplier.apply($0, to: award.amount) } ?? award.amount
                let posting = try boosts.book(award, amount: amount) { boosted in
                    try ledger.earn(
                        boosted, award.currency, to: award.holder, at: event.occurredAt,
                        references: LedgerPosting.References(eventID: event.id, ruleID: award.ruleID, ruleVersion: award.ruleVersion))
                }
                postings.append((award, posting))
                if let perMille { multipliers[posting.id] = perMille }
            }
        }
        return (postings, multipliers)
    }

    /// The planner over stored facts: the one call both real processing and dry runs make.
    static func plan(
        _ subject: AwardSubject, rules: [AwardPlanner.LiveRule], counters: any CounterSource, timeZone: ProgramTimeZone,
        in store: any StoreReader
    ) throws -> [RuleDecision] {
        try AwardPlanner.plan(
            subject, rules: rules, counters: counters, usage: RuleUsage(awards: store, timeZone: timeZone),
            parentOf: { organization in try organization.parentID.flatMap { try store.organization(id: $0) } },
            timeZone: timeZone)
    }

    /// The ledger policy of every currency an award names. A currency deleted since the rule was
    /// saved cannot be booked: the decision says so instead.
    static func currencyPolicies(
        for planned: [RuleDecision], in store: any StoreReader, decisions: inout [RuleDecision]
    ) throws -> [String: LedgerCurrencyPolicy] {
        var policies: [String: LedgerCurrencyPolicy] = [:]
        for index in decisions.indices {
            for award in decisions[index].awards where policies[award.currency] == nil {
                if let currency = try store.currency(id: award.currency) {
                    policies[award.currency] = LedgerCurrencyPolicy(currency)
                } else {
                    decisions[index].notes.append("currency \(award.currency) no longer exists; nothing awarded in it")
                }
            }
        }
        return policies
    }

    /// One row per award effect (the whole amount before a split), for the rule's limits; a rule
    /// that fired without booking an award (badge, boost, tag or notify only, or a deleted currency)
    /// gets one fire row instead, so that its count limits still count it.
    private static func recordForLimits(
        _ decision: RuleDecision, event: Event, subject: AwardSubject, policies: [String: LedgerCurrencyPolicy], bySubject: Bool,
        in store: any RuleAwardWriter
    ) throws {
        var totals: [(effectIndex: Int, currency: String, amount: Int64)] = []
        for award in decision.awards where policies[award.currency] != nil {
            if let index = totals.firstIndex(where: { $0.effectIndex == award.effectIndex }) {
                totals[index].amount += award.amount
            } else {
                totals.append((award.effectIndex, award.currency, award.amount))
            }
        }
        guard !totals.isEmpty else {
            return try store.record(RuleFireRecord(
                ruleID: decision.ruleID, ruleVersion: decision.ruleVersion, eventID: event.id, memberID: subject.member?.id,
                organizationID: subject.organization?.id, at: event.occurredAt))
        }
        for total in totals {
            try store.record(RuleAwardRecord(
                ruleID: decision.ruleID, ruleVersion: decision.ruleVersion, eventID: event.id, effectIndex: total.effectIndex,
                memberID: subject.member?.id, organizationID: subject.organization?.id, currency: total.currency,
                amount: total.amount, at: event.occurredAt, bySubject: bySubject))
        }
    }
}

extension LedgerCurrencyPolicy {
    /// The ledger's view of a configured currency.
    public init(_ currency: Currency) {
        self.init(redeemable: currency.redeemable, expiry: LotExpiry(currency.expiry), pendingDays: currency.pendingDays)
    }
}

extension AwardSubject {
    /// The event with its member and organization as stored.
    init(_ event: Event, in store: any StoreReader) throws {
        self.init(
            event, member: try event.memberID.flatMap { try store.member(id: $0) },
            organization: try event.organizationID.flatMap { try store.organization(id: $0) })
    }

    init(_ event: Event, member: Member?, organization: Organization?) {
        self.init(
            eventID: event.id, eventType: event.type, occurredAt: event.occurredAt, properties: event.properties, member: member,
            organization: organization)
    }
}

/// The tier multiplier of each holder as it stood before this event's awards: an upgrade the event
/// causes applies from the next event on.
struct TierMultipliers {
    private var byHolder: [LedgerHolder: Int64?] = [:]

    mutating func perMille(for holder: LedgerHolder, in store: any TierReader) throws -> Int64? {
        if let known = byHolder[holder] { return known }
        let perMille = try TierKeeper.multiplier(for: holder, in: store)?.perMille
        byHolder[holder] = .some(perMille)
        return perMille
    }
}

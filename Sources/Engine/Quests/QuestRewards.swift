/// Gives what a quest step or a completed quest gives — awards, badges, boosts — inside the
/// event's transaction, tied to the event: reversing it claws the awards back, revokes the badges
/// and the boosts, as for a rule's effects. Quest awards are prizes: no tier multiplier or boost
/// applies to them. A currency or badge deleted since the quest was saved is skipped with a note.
struct QuestRewards {
    /// Who gets what, kept for the event's answer.
    private(set) var postings: [LedgerPosting] = []
    private(set) var badges: [MemberBadge] = []
    private(set) var boosts: [Boost] = []
    private(set) var notes: [String] = []

    /// What was given through `eventID`, kept with the enrollment; nil when nothing was.
    func grant(eventID: String) -> QuestGrant? {
        guard !postings.isEmpty || !badges.isEmpty || !boosts.isEmpty else { return nil }
        return QuestGrant(eventID: eventID, postingIDs: postings.map(\.id), badgeIDs: badges.map(\.badgeID), boostIDs: boosts.map(\.id))
    }

    /// Takes back what a grant gave that is still there: the postings not yet reversed (a reversed
    /// event's own were), the badge instances it earned, its boosts.
    static func takeBack(_ grant: QuestGrant, memberID: String, at: Timestamp, in store: any StoreWriter) throws {
        for postingID in grant.postingIDs {
            guard let posting = try store.posting(id: postingID), !(try store.isReversed(postingID: postingID)),
                  let currency = try store.currency(id: posting.currency) else { continue }
            try Ledger(store: store, policies: [currency.id: LedgerCurrencyPolicy(currency)]).reverse(postingID: postingID, at: at)
        }
        for badgeID in grant.badgeIDs {
            _ = try store.revokeBadges(memberID: memberID, badgeID: badgeID, eventID: grant.eventID, at: at)
        }
        for boostID in grant.boostIDs { try store.revokeBoost(id: boostID, at: at) }
    }

    /// Who was credited, for tier upgrades.
    var holders: [LedgerHolder] { postings.compactMap(\.credit.holder) }

    /// `source` names the boosts' grantor: `quest:<id>` on completion, `quest:<id>/<step>` for a step.
    mutating func give(
        _ effects: [Effect], source: String, reason: String, member: Member, event: Event, facts: (FactPath) -> FactValue?,
        in store: any StoreWriter
    ) throws {
        for (index, effect) in effects.enumerated() {
            switch effect {
            case .award(let award):
                try give(award, reason: reason, member: member, event: event, facts: facts, in: store)
            case .badge(let badgeID):
                guard let badge = try store.badge(id: badgeID) else {
                    notes.append("badge \(badgeID) no longer exists; not given")
                    continue
                }
                guard try badge.repeatable || !store.holdsBadge(memberID: member.id, badgeID: badgeID) else { continue }
                let earned = MemberBadge(memberID: member.id, badgeID: badgeID, eventID: event.id, earnedAt: event.occurredAt, ruleID: source)
                try store.insert(earned)
                badges.append(earned)
            case .boost(let effect):
                boosts.append(try store.insert(Boost(
                    granting: effect, memberID: member.id, eventID: event.id, ruleID: source, ruleVersion: 0, effectIndex: index,
                    at: event.occurredAt)))
            case .notify, .tag, .quest:
                continue  // refused when the quest is saved
            }
        }
    }

    private mutating func give(
        _ award: AwardEffect, reason: String, member: Member, event: Event, facts: (FactPath) -> FactValue?, in store: any StoreWriter
    ) throws {
        guard let currency = try store.currency(id: award.currency) else {
            notes.append("currency \(award.currency) no longer exists; nothing awarded in it")
            return
        }
        let amount: Int64
        switch award.amount.evaluate(facts) {
        case .success(let value) where value > 0: amount = value
        case .success: return
        case .failure(let error):
            notes.append("the award in \(award.currency) could not be computed: \(error)")
            return
        }
        let holder: LedgerHolder = if case .organization = award.to { .organization(member.organizationID) } else { .member(member.id) }
        let ledger = Ledger(store: store, policies: [currency.id: LedgerCurrencyPolicy(currency)])
        postings.append(try ledger.earn(
            min(amount, LedgerAmount.perPostingMax), currency.id, to: holder, at: event.occurredAt,
            references: LedgerPosting.References(eventID: event.id, reason: reason)))
    }

    /// Adds what another giving gave (a step's and the completion's, for one answer).
    mutating func merge(_ other: QuestRewards) {
        postings += other.postings
        badges += other.badges
        boosts += other.boosts
        notes += other.notes
    }

    var json: JSONValue {
        .object(JSONObject([
            ("postings", .array(postings.map { posting in
                .object(JSONObject([
                    ("id", .int(posting.id)), ("currency", .string(posting.currency)), ("amount", .int(posting.amount)),
                    ("to", .string(posting.credit.description)),
                ]))
            })),
            ("badges", .array(badges.map { .string($0.badgeID) })),
            ("boosts", .array(boosts.map { $0.json() })),
            ("notes", .array(notes.map(JSONValue.string))),
        ]))
    }
}

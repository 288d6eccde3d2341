/// Cancels an event (a deal fell through): every award it caused is clawed back by reversing
/// postings (see the policy in `Ledger+Reverse.swift`; what was already spent becomes debt), the
/// event stops counting for counters, sums and rule limits, the badges it earned are revoked (and
/// those later events earned by counter criteria it counted for, `BadgeCriterionReview`), the
/// boost uses it made are given back and the boosts it granted revoked (`BoostReversal`), the quest
/// steps it counted for are taken back (`QuestReversal`; segments
/// its `tag` effects added stay, see `EventEffects`), and the reversal is kept in the
/// event's outcome so that `GET /v1/events/{id}` and a second reversal answer the same.
public enum EventReversal {
    /// `{"event", "reversal_postings", "balances", "revoked_badges", "boosts", "quests"}`: the event
    /// as now stored, the postings the reversal made, the new balances of every holder they
    /// touched, the badges the event had earned that are now revoked, what happened to boosts, and
    /// the quest steps taken back.
    public static func reverse(eventID: String, context: ChangeContext, in store: any StoreWriter) throws -> JSONValue {
        if let principal = context.principal, principal.role == .viewer {
            throw DomainError.forbidden("a viewer key cannot reverse events")
        }
        // Outside a partner's scope answers as if the event did not exist.
        guard let event = try store.event(id: eventID),
              context.principal?.canSee(organizationID: event.organizationID ?? "") ?? true
        else { throw DomainError.notFound(kind: "event", id: eventID) }
        var outcome = try store.eventOutcome(id: eventID)?.objectValue ?? JSONObject([("event", event.json)])
        if event.reversedAt != nil, let reversal = outcome["reversal"]?.objectValue {
            return answer(outcome, reversal)
        }
        let ledger = Ledger(store: store, policies: try policies(of: try store.postings(eventID: eventID), in: store))
        let postings: [LedgerPosting]
        do {
            postings = try ledger.reverse(eventID: eventID, at: context.at)
        } catch let error as LedgerError {
            throw error.domainError
        }
        try store.markReversed(id: eventID, at: context.at)
        // What it earned, then what later events earned by counter criteria that counted it.
        let revoked = try store.revokeBadges(eventID: eventID, at: context.at)
            + BadgeCriterionReview.revokeUndeserved(after: event, at: context.at, timeZone: context.timeZone, in: store)
        let boosts = try BoostReversal.reverse(eventID: eventID, at: context.at, in: store)
        let quests = try QuestReversal.reverse(event, answered: outcome["quests"], at: context.at, in: store)
        guard let reversed = try store.event(id: eventID) else { preconditionFailure("a reversed event is kept") }
        let reversal = JSONObject([
            ("reversed_at", .string((reversed.reversedAt ?? context.at).rfc3339)),
            ("postings", .array(postings.map(\.json))),
            ("balances", try balances(touchedBy: postings, ledger: ledger, at: context.at)),
            ("revoked_badges", .array(try revoked.map { $0.json(name: try store.badge(id: $0.badgeID)?.name) })),
            ("boosts", boosts.json),
            ("quests", quests),
        ])
        outcome["event"] = reversed.json
        outcome["reversal"] = .object(reversal)
        try store.setOutcome(id: eventID, outcome: .object(outcome))
        try store.append(context.audit("event.reverse", "event", eventID, before: event.json, after: reversed.json))
        return answer(outcome, reversal)
    }

    private static func answer(_ outcome: JSONObject, _ reversal: JSONObject) -> JSONValue {
        .object(JSONObject([
            ("event", outcome["event"] ?? .null),
            ("reversal_postings", reversal["postings"] ?? .array([])),
            ("balances", reversal["balances"] ?? .object(JSONObject())),
            ("revoked_badges", reversal["revoked_badges"] ?? .array([])),
            ("boosts", reversal["boosts"] ?? BoostReversal.Result().json),
            ("quests", reversal["quests"] ?? .array([])),
        ]))
    }

    /// Reversing needs no currency policy, but `Ledger` asks for one of every currency it books;
    /// a currency deleted since still has its postings reversed.
    private static func policies(of postings: [LedgerPosting], in store: any StoreReader) throws -> [String: LedgerCurrencyPolicy] {
        var policies: [String: LedgerCurrencyPolicy] = [:]
        for posting in postings where policies[posting.currency] == nil {
            if let currency = try store.currency(id: posting.currency) { policies[posting.currency] = LedgerCurrencyPolicy(currency) }
        }
        return policies
    }

    /// holder → currency → balance, for every member or organization a reversal posting touched
    /// (directly or through its clawback account).
    private static func balances(touchedBy postings: [LedgerPosting], ledger: Ledger, at: Timestamp) throws -> JSONValue {
        var balances = JSONObject()
        var seen: Set<String> = []
        for posting in postings {
            for account in [posting.debit, posting.credit] {
                guard let holder = holder(of: account), seen.insert("\(holder)|\(posting.currency)").inserted else { continue }
                var entry = balances[holder.description]?.objectValue ?? JSONObject()
                entry[posting.currency] = try ledger.balance(of: holder, posting.currency, at: at).json
                balances[holder.description] = .object(entry)
            }
        }
        return .object(balances)
    }

    private static func holder(of account: LedgerAccount) -> LedgerHolder? {
        if case .clawback(let holder) = account { return holder }
        return account.holder
    }
}

/// The answer to a posted event: the event, every posting it caused, the new balances of everyone
/// it credited, the badges it earned, the tier upgrades, the quest steps it counted for, and for each rule considered whether it applied and why. Kept with the event so
/// that a replay answers the same.
enum EventOutcome {
    static func document(
        event: Event, decisions: [RuleDecision], postings: [(PlannedAward, LedgerPosting)], multipliers: [Int64: Int64] = [:],
        badges: [BadgeAwarder.Earned] = [], tierChanges: [TierKeeper.Change] = [], quests: [JSONValue] = [], ledger: Ledger, at: Timestamp
    ) throws -> JSONValue {
        var balances = JSONObject()
        var seen: Set<String> = []
        for (award, _) in postings where seen.insert("\(award.holder)|\(award.currency)").inserted {
            let balance = try ledger.balance(of: award.holder, award.currency, at: at)
            var holder = balances[award.holder.description]?.objectValue ?? JSONObject()
            holder[award.currency] = balance.json
            balances[award.holder.description] = .object(holder)
        }
        return .object(JSONObject([
            ("event", event.json),
            ("postings", .array(postings.map { award, posting in
                var entry = JSONObject([
                    ("id", .int(posting.id)), ("rule_id", .string(award.ruleID)), ("rule_version", .int(Int64(award.ruleVersion))),
                    ("currency", .string(posting.currency)), ("amount", .int(posting.amount)),
                    ("to", .string(award.holder.description)), ("at", .string(posting.at.rfc3339)),
                ])
                if let perMille = multipliers[posting.id] {
                    entry["multiplier"] = TierMultiplier.json(perMille)
                    entry["base_amount"] = .int(award.amount)
                }
                return .object(entry)
            })),
            ("balances", .object(balances)),
            ("badges", .array(badges.map(\.json))),
            ("tier_changes", .array(tierChanges.map(\.json))),
            ("quests", .array(quests)),
            ("rules", .array(decisions.map(\.json))),
        ]))
    }
}

extension RuleDecision {
    /// Explain form: applied or not, the reason, what limits and recipients changed.
    public var json: JSONValue {
        .object(JSONObject([
            ("rule_id", .string(ruleID)),
            ("rule_version", .int(Int64(ruleVersion))),
            ("applied", .bool(fired)),
            ("reason", .string(outcome.reason)),
            ("notes", .array(notes.map(JSONValue.string))),
        ]))
    }
}

extension LedgerBalance {
    public var json: JSONValue {
        .object(JSONObject([
            ("available", .int(available)), ("pending", .int(pending)), ("expiring_soon", .int(expiringSoon)),
            ("lapsed", .int(lapsed)), ("debt", .int(debt)),
        ]))
    }
}

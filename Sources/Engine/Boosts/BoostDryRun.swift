/// A dry run's view of boosts and the other non-award effects: what the event would use and
/// grant, the segments it would add and the notifications it would keep — worked out as
/// `EventProcessor` would (after the tier multiplier) and never written.
enum BoostDryRun {
    /// `{"used", "granted", "tags", "notifications"}`; adds the effects' notes to the decisions.
    static func boosts(
        _ subject: AwardSubject, awards: [PlannedAward], decisions: inout [RuleDecision], rules: [AwardPlanner.LiveRule],
        at: Timestamp, in store: any StoreReader
    ) throws -> JSONValue {
        var session = try BoostSession(subject, in: store)
        var multipliers = TierMultipliers()
        var boosted: [JSONValue] = []
        for award in awards {
            let perMille = try multipliers.perMille(for: award.holder, in: store)
            let amount = perMille.map { TierMultiplier.apply($0, to: award.amount) } ?? award.amount
            let bonuses = session.bonuses(for: award, amount: amount)
            guard !bonuses.isEmpty else { continue }
            var entry = award.json.objectValue ?? JSONObject()
            entry["amount_before_boosts"] = .int(amount)
            entry["boost_bonus"] = .int(bonuses.reduce(0) { $0 + $1.bonus })
            entry["boosts"] = .array(bonuses.map(\.json))
            boosted.append(.object(entry))
        }
        let effects = try EventEffects.plan(subject, decisions: decisions, rules: rules, at: at, in: store)
        effects.annotate(&decisions)
        return .object(JSONObject([
            ("used", session.usedJSON), ("boosted_awards", .array(boosted)),
            ("granted", .array(effects.grants.map(unsaved))),
            ("tags", .array(effects.tags.map(\.json))), ("notifications", .array(effects.notifications.map(\.json))),
        ]))
    }

    /// A boost that would be granted has no id yet.
    private static func unsaved(_ boost: Boost) -> JSONValue {
        guard case .object(var object) = boost.json() else { return boost.json() }
        object["id"] = nil
        return .object(object)
    }
}

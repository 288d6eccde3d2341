/// The answer of a simulation: per rule what it would do, per currency the totals, who gains or
/// loses most, and everything beside what was actually booked for the same events.
struct SimulationReport {
    let request: SimulationRequest
    let rules: [AwardPlanner.LiveRule]
    let live: [AwardPlanner.LiveRule]
    let tally: SimulationTally

    /// What the simulation assumes, said in the answer so nobody reads more into it.
    static let notes = [
        "Reversed events are excluded: they are neither replayed nor counted in the actual figures, and counters never count them.",
        "Counters (counts, sums, streaks) count the stored events that occurred at or before each replayed event, whatever the filters.",
        "Rule limits count what the simulation awards, plus the stored awards of the same rule id before `from` in the limit's window.",
        "Tier multipliers are each holder's current level, not the level held at the event's time; actual postings carry the level of their time.",
        "Members and organizations are as they are now (attributes, role, status, parent).",
        "Only award effects are simulated; badges, boosts, notifications and tags are not. Actual figures are the earn postings that name a rule.",
    ]

    var json: JSONValue {
        .object(JSONObject([
            ("mode", .string(request.mode.rawValue)),
            ("from", .string(request.from.rfc3339)),
            ("to", .string(request.to.rfc3339)),
            ("event_type", .optional(request.eventType)),
            ("organization_id", .optional(request.organizationID)),
            ("events", .object(JSONObject([
                ("replayed", .int(Int64(tally.eventsReplayed))), ("reversed_excluded", .int(Int64(tally.reversedExcluded))),
            ]))),
            ("rules", .array(rules.map(ruleJSON))),
            ("totals", .array(totals())),
            ("difference_by_rule", .array(differenceByRule())),
            ("members_most_affected", .array(mostAffected(members: true))),
            ("organizations_most_affected", .array(mostAffected(members: false))),
            ("notes", .array(Self.notes.map(JSONValue.string))),
        ]))
    }

    private func ruleJSON(_ simulated: AwardPlanner.LiveRule) -> JSONValue {
        let id = simulated.rule.id
        let stats = tally.rules[id] ?? SimulationTally.RuleStats(ruleID: id, version: simulated.version, on: simulated.rule.on)
        let isCandidate = request.candidates.contains { $0.rule.id == id }
        let replaced = isCandidate ? live.first { $0.rule.id == id }?.version : nil
        return .object(JSONObject([
            ("rule_id", .string(id)),
            ("rule_version", .int(Int64(simulated.version))),
            ("source", .string(isCandidate ? "candidate" : "live")),
            ("replaces_live_version", replaced.map { .int(Int64($0)) } ?? .null),
            ("on", .string(simulated.rule.on)),
            ("evaluated", .int(Int64(stats.evaluated))),
            ("applied", .int(Int64(stats.applied))),
            ("fires", .int(Int64(stats.fires))),
            ("limit_blocked", .int(Int64(stats.limitBlocked))),
            ("amount_limited", .int(Int64(stats.amountLimited))),
            ("amounts", Self.amounts(stats.amounts)),
            ("actual_amounts", Self.amounts(tally.actualByRule[id] ?? [:])),
            ("actual_events", .int(Int64(tally.actualEventsByRule[id] ?? 0))),
            ("samples", .object(JSONObject([("fired", .array(stats.firedSamples)), ("not_fired", .array(stats.notFiredSamples))]))),
        ]))
    }

    /// Per currency, over every holder.
    private func totals() -> [JSONValue] {
        var simulated: [String: Int64] = [:]
        var actual: [String: Int64] = [:]
        for amounts in tally.simulatedByHolder.values { for (currency, amount) in amounts { simulated[currency] = SimulationTally.add(simulated[currency], amount) } }
        for amounts in tally.actualByHolder.values { for (currency, amount) in amounts { actual[currency] = SimulationTally.add(actual[currency], amount) } }
        return Set(simulated.keys).union(actual.keys).sorted().map { currency in
            Self.comparison([("currency", .string(currency))], actual: actual[currency] ?? 0, simulated: simulated[currency] ?? 0)
        }
    }

    /// Every rule that awarded something on either side, by rule id then currency.
    private func differenceByRule() -> [JSONValue] {
        var rows: [JSONValue] = []
        for ruleID in Set(tally.rules.keys).union(tally.actualByRule.keys).sorted() {
            let simulated = tally.rules[ruleID]?.amounts ?? [:]
            let actual = tally.actualByRule[ruleID] ?? [:]
            for currency in Set(simulated.keys).union(actual.keys).sorted() {
                rows.append(Self.comparison(
                    [("rule_id", .string(ruleID)), ("currency", .string(currency))], actual: actual[currency] ?? 0,
                    simulated: simulated[currency] ?? 0))
            }
        }
        return rows
    }

    /// The `request.top` holders of one kind whose amount in a currency changes most (by absolute
    /// difference, then id, then currency); unchanged ones are left out.
    private func mostAffected(members: Bool) -> [JSONValue] {
        func idOf(_ holder: LedgerHolder) -> String? {
            switch holder {
            case .member(let id): members ? id : nil
            case .organization(let id): members ? nil : id
            }
        }
        let key = members ? "member_id" : "organization_id"
        var rows: [(id: String, currency: String, actual: Int64, simulated: Int64)] = []
        for holder in Set(tally.simulatedByHolder.keys).union(tally.actualByHolder.keys) {
            guard let id = idOf(holder) else { continue }
            let simulated = tally.simulatedByHolder[holder] ?? [:]
            let actual = tally.actualByHolder[holder] ?? [:]
            for currency in Set(simulated.keys).union(actual.keys) where simulated[currency] != actual[currency] {
                rows.append((id, currency, actual[currency] ?? 0, simulated[currency] ?? 0))
            }
        }
        func change(_ row: (id: String, currency: String, actual: Int64, simulated: Int64)) -> UInt64 {
            Self.delta(row.actual, row.simulated).magnitude
        }
        let ranked = rows.sorted { change($0) != change($1) ? change($0) > change($1) : ($0.id, $0.currency) < ($1.id, $1.currency) }
        return ranked.prefix(request.top).map { row in
            Self.comparison([(key, .string(row.id)), ("currency", .string(row.currency))], actual: row.actual, simulated: row.simulated)
        }
    }

    private static func comparison(_ head: [(String, JSONValue)], actual: Int64, simulated: Int64) -> JSONValue {
        .object(JSONObject(head.map { (key: $0.0, value: $0.1) } + [
            (key: "actual", value: .int(actual)), (key: "simulated", value: .int(simulated)),
            (key: "delta", value: .int(delta(actual, simulated))),
        ]))
    }

    private static func delta(_ actual: Int64, _ simulated: Int64) -> Int64 {
        SimulationTally.add(simulated, actual == .min ? .max : -actual)
    }

    private static func amounts(_ byCurrency: [String: Int64]) -> JSONValue {
        .object(JSONObject(byCurrency.keys.sorted().map { (key: $0, value: .int(byCurrency[$0]!)) }))
    }
}

/// Whether the program pays off, over a time range: who took part, what points were issued,
/// redeemed and expired (and what is still owed), how tiers are spread and moved, badges, quest
/// funnels, goal levels reached, and which rules gave the most.
public enum ProgramSummary {
    public static let topRulesMax = 10

    /// Admin, integration and viewer keys (the route's access); `until` exclusive.
    public static func build(from: Timestamp, until: Timestamp, in store: any StoreReader) throws -> JSONValue {
        let active = try store.activeCounts(from: from, until: until)
        let records = try store.activeRecordCounts()
        let flows = try store.pointFlows(from: from, until: until)
        var currencies = JSONObject()
        for currency in try Page.all(store.currencies(page:)) {
            let flow = flows[currency.id] ?? PointFlows()
            // What holders hold (and redemptions hold) now: what was issued, less what was redeemed and
            // what expired; the program's three accounts sum to minus that.
            let outstanding = -(try [LedgerAccount.programIssued, .programRedeemed, .programExpired].reduce(Int64(0)) {
                $0 + (try store.balance(of: LedgerAccountCurrency($1, currency.id)))
            })
            currencies[currency.id] = .object(JSONObject([
                ("issued", .int(flow.issued)), ("redeemed", .int(flow.redeemed)), ("expired", .int(flow.expired)),
                ("outstanding", .int(outstanding)),
                ("redemption_rate", flow.issued > 0 ? .double((Double(flow.redeemed) / Double(flow.issued) * 1000).rounded() / 10) : .null),
            ]))
        }
        return .object(JSONObject([
            ("from", .string(from.rfc3339)), ("to", .string(until.rfc3339)),
            ("members", .object(JSONObject([
                ("active", .int(Int64(active.members))), ("total", .int(Int64(records.members))),
                ("participation_rate", records.members > 0 ? .double((Double(active.members) / Double(records.members) * 1000).rounded() / 10) : .null),
            ]))),
            ("organizations", .object(JSONObject([("active", .int(Int64(active.organizations))), ("total", .int(Int64(records.organizations)))]))),
            ("points", .object(currencies)),
            ("tiers", try tiers(members: records.members, from: from, until: until, in: store)),
            ("badges_awarded", .array(try store.badgesAwarded(from: from, until: until).map {
                .object(JSONObject([("badge_id", .string($0.badgeID)), ("count", .int(Int64($0.count)))]))
            })),
            ("quest_funnels", .array(try questFunnels(from: from, until: until, in: store))),
            ("goal_attainment", .array(try store.goalAttainment(from: from, until: until).map {
                .object(JSONObject([("goal_id", .string($0.goalID)), ("level_id", .string($0.levelID)), ("subjects", .int(Int64($0.subjects)))]))
            })),
            ("top_rules", .array(try store.topRules(from: from, until: until, limit: topRulesMax).map {
                .object(JSONObject([("rule_id", .string($0.ruleID)), ("currency", .string($0.currency)), ("amount", .int($0.amount))]))
            })),
        ]))
    }

    /// Per member ladder, in level order: members on each level now (those with no stored level on
    /// the first) and the level changes in the range.
    private static func tiers(members: Int, from: Timestamp, until: Timestamp, in store: any StoreReader) throws -> JSONValue {
        let stored = try store.tierLevels()
        let moves = try store.tierMovements(from: from, until: until)
        return .array(try store.tierLadders(subject: .member).map { ladder in
            let onLadder = stored.filter { $0.ladderID == ladder.id }
            let placed = onLadder.reduce(0) { $0 + $1.holders }
            return .object(JSONObject([
                ("ladder_id", .string(ladder.id)),
                ("levels", .array(ladder.levels.enumerated().map { index, level in
                    let held = onLadder.first { $0.levelID == level.id }?.holders ?? 0
                    return .object(JSONObject([
                        ("level_id", .string(level.id)), ("members", .int(Int64(index == 0 ? max(0, members - placed) + held : held))),
                        ("reached_in_range", .int(Int64(moves.first { $0.ladderID == ladder.id && $0.levelID == level.id }?.changes ?? 0))),
                    ]))
                })),
            ]))
        })
    }

    /// Each quest's funnel in step order: enrolled, each step done, completed.
    private static func questFunnels(from: Timestamp, until: Timestamp, in store: any StoreReader) throws -> [JSONValue] {
        try store.questFunnels(from: from, until: until).map { funnel in
            let order = try store.quest(id: funnel.questID)?.stepIDs ?? funnel.steps.keys.sorted()
            return .object(JSONObject([
                ("quest_id", .string(funnel.questID)), ("enrolled", .int(Int64(funnel.enrolled))),
                ("steps", .array(order.map { .object(JSONObject([("step_id", .string($0)), ("done", .int(Int64(funnel.steps[$0] ?? 0)))])) })),
                ("completed", .int(Int64(funnel.completed))),
            ]))
        }
    }
}

/// What still depends on a currency or a badge. Deleting one that a live rule awards, a reward
/// costs, a tier ladder or a leaderboard counts, or that holders still hold would leave configuration pointing at
/// nothing and make balances vanish from the API; such a delete is refused (409) with one entry
/// per dependant: `path` names it (`rules/deal`), `message` says how it depends (`awards points`).
///
/// Cost: live rules, rewards and tier ladders are small configuration tables read whole; the
/// points still outstanding are one query of the store (`CurrencyReader.outstanding`). Deleted
/// rules (soft-deleted versions) are not read: they no longer apply.
public enum ConfigurationReferences {
    public static func toCurrency(_ id: String, in store: any StoreReader) throws -> [ValidationError] {
        var found: [ValidationError] = []
        for version in try liveRules(in: store) {
            guard let rule = try? RuleParser.parse(version.document, id: version.ruleID) else { continue }
            found += rule.uses(currency: id).map { ValidationError(path: "rules/\(rule.id)", message: $0) }
        }
        for reward in try Page.all(store.rewards(page:)) where reward.cost.currency == id {
            found.append(ValidationError(path: "rewards/\(reward.id)", message: "costs \(reward.cost.amount) \(id)"))
        }
        for ladder in try Page.all(store.tierLadders(page:)) {
            found += ladder.uses(currency: id).map { ValidationError(path: "tier-ladders/\(ladder.id)", message: $0) }
        }
        for board in try Page.all(store.leaderboards(page:)) {
            if board.metric.source == .currency(id) {
                found.append(ValidationError(path: "leaderboards/\(board.id)", message: "ranks by \(id) earned"))
            }
            if board.prizes.contains(where: { $0.award?.currency == id }) {
                found.append(ValidationError(path: "leaderboards/\(board.id)", message: "awards \(id) when a period closes"))
            }
        }
        for goal in try Page.all(store.goals(page:)) {
            if goal.metric.source == .currency(id) { found.append(ValidationError(path: "goals/\(goal.id)", message: "counts \(id) earned")) }
            if goal.levels.contains(where: { $0.award?.currency == id }) {
                found.append(ValidationError(path: "goals/\(goal.id)", message: "awards \(id) at a level"))
            }
        }
        for quest in try store.allQuests() where quest.gives(currency: id) {
            found.append(ValidationError(path: "quests/\(quest.id)", message: "awards \(id) for a step or on completion"))
        }
        found += try store.outstanding(currency: id).problems
        return distinct(found)
    }

    public static func toBadge(_ id: String, in store: any StoreReader) throws -> [ValidationError] {
        var found: [ValidationError] = []
        for version in try liveRules(in: store) {
            guard let rule = try? RuleParser.parse(version.document, id: version.ruleID) else { continue }
            if rule.then.contains(.badge(id)) { found.append(ValidationError(path: "rules/\(rule.id)", message: "awards the badge \(id)")) }
        }
        for ladder in try Page.all(store.tierLadders(page:)) {
            found += ladder.uses(badge: id).map { ValidationError(path: "tier-ladders/\(ladder.id)", message: $0) }
        }
        for goal in try Page.all(store.goals(page:)) where goal.levels.contains(where: { $0.badge == id }) {
            found.append(ValidationError(path: "goals/\(goal.id)", message: "gives the badge \(id) at a level"))
        }
        for board in try Page.all(store.leaderboards(page:)) where board.prizes.contains(where: { $0.badge == id }) {
            found.append(ValidationError(path: "leaderboards/\(board.id)", message: "gives the badge \(id) when a period closes"))
        }
        for quest in try store.allQuests() where quest.allRewards.contains(.badge(id)) {
            found.append(ValidationError(path: "quests/\(quest.id)", message: "gives the badge \(id) for a step or on completion"))
        }
        return distinct(found)
    }

    public static func toQuest(_ id: String, in store: any StoreReader) throws -> [ValidationError] {
        var found: [ValidationError] = []
        for version in try liveRules(in: store) {
            guard let rule = try? RuleParser.parse(version.document, id: version.ruleID) else { continue }
            if rule.then.contains(where: { if case .quest(let named) = $0 { named.quest == id } else { false } }) {
                found.append(ValidationError(path: "rules/\(rule.id)", message: "counts steps of the quest \(id)"))
            }
        }
        return distinct(found)
    }

    /// The refusal of a delete while `references` remain; nil when nothing depends on it.
    public static func refusal(kind: String, id: String, _ references: [ValidationError]) -> DomainError? {
        guard !references.isEmpty else { return nil }
        let listed = references.map(\.description).joined(separator: "; ")
        return .stillReferenced("\(kind) \(id) is still in use (\(listed)); change or delete those first", references)
    }

    private static func liveRules(in store: any StoreReader) throws -> [RuleVersion] {
        try Page.all(store.currentRules(page:))
    }

    /// Every item of a paged configuration list.
    private static func distinct(_ references: [ValidationError]) -> [ValidationError] {
        var seen: Set<String> = []
        return references.filter { seen.insert($0.path + "\u{0}" + $0.message).inserted }
    }
}

extension Rule {
    /// How the rule depends on the currency, one phrase per kind of use.
    func uses(currency: String) -> [String] {
        var uses: [String] = []
        for effect in then {
            switch effect {
            case .award(let award) where award.currency == currency: uses.append("awards \(currency)")
            case .boost(let boost) where boost.currency == currency: uses.append("grants a boost on \(currency)")
            default: break
            }
        }
        if limits.contains(where: { $0.currency == currency }) { uses.append("limits what it awards in \(currency)") }
        return uses
    }
}

extension TierLadder {
    func uses(currency: String) -> [String] {
        var uses: [String] = []
        if self.currency == currency { uses.append("qualifies on \(currency)") }
        for level in levels {
            for criterion in level.criteria {
                if case .earned(let earned, _) = criterion.measure, earned == currency {
                    uses.append("level \(level.id) counts \(currency) earned")
                }
            }
        }
        return uses
    }

    func uses(badge: String) -> [String] {
        levels.flatMap { level in
            level.criteria.compactMap { criterion in
                guard case .membersWithBadge(badge) = criterion.measure else { return nil }
                return "level \(level.id) counts members with the badge \(badge)"
            }
        }
    }
}

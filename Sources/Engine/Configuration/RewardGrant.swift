/// What a leaderboard prize or a goal level gives: a badge (to a member) and/or an amount of a
/// currency (to the member or organization). One parser, one reference check and one way of
/// giving, for both.
public enum RewardGrant {
    public typealias Award = (currency: String, amount: Int64)

    /// Reads `badge` and `award: {"currency", "amount"}` of one prize or level, reporting problems.
    static func parse(_ reader: FieldReader) -> (badge: String?, award: Award?) {
        let badge = reader.string("badge", required: false, rule: .identifier)
        var award: Award?
        if let awardObject = reader.object("award", required: false) {
            let nested = FieldReader(awardObject, path: reader.pathOf("award"), report: reader.report)
            nested.rejectUnknownKeys(["currency", "amount"])
            let currency = nested.string("currency", required: true, rule: .identifier)
            let amount = nested.integer("amount", required: true, range: 1...LedgerAmount.perPostingMax)
            if let currency, let amount { award = (currency, amount) }
        }
        return (badge, award)
    }

    /// A badge or currency that does not exist, and a badge given to organizations, at `path`.
    static func problems(badge: String?, award: Award?, forOrganizations: Bool, at path: String, in store: any StoreReader) throws -> [ValidationError] {
        var problems: [ValidationError] = []
        if let badge, try store.badge(id: badge) == nil { problems.append(ValidationError(path: "\(path).badge", message: "no such badge: \(badge)")) }
        if badge != nil, forOrganizations { problems.append(ValidationError(path: "\(path).badge", message: "badges are for members")) }
        if let award, try store.currency(id: award.currency) == nil {
            problems.append(ValidationError(path: "\(path).award.currency", message: "no such currency: \(award.currency)"))
        }
        return problems
    }

    /// Gives the badge (once, unless repeatable; never to an organization) and the award. A badge
    /// or currency deleted since is skipped. `eventID` names the occasion on the badge's record.
    static func give(
        badge badgeID: String?, award: Award?, to holder: LedgerHolder, occasion eventID: String, by: String, reason: String,
        at: Timestamp, in store: any StoreWriter
    ) throws {
        if let badgeID, case .member(let memberID) = holder, let badge = try store.badge(id: badgeID), try store.member(id: memberID) != nil,
           try badge.repeatable || !store.holdsBadge(memberID: memberID, badgeID: badgeID) {
            try store.insert(MemberBadge(memberID: memberID, badgeID: badgeID, eventID: eventID, earnedAt: at, ruleID: by))
        }
        if let award, let currency = try store.currency(id: award.currency) {
            let ledger = Ledger(store: store, policies: [currency.id: LedgerCurrencyPolicy(currency)])
            _ = try ledger.earn(award.amount, currency.id, to: holder, at: at, references: LedgerPosting.References(reason: reason))
        }
    }
}

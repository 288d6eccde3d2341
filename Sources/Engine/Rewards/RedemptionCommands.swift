/// Redeeming points for rewards. Each step runs inside one write of the single writer, so checks,
/// stock and the ledger hold can never interleave with another redemption: fifty concurrent
/// redemptions against one balance neither overdraw it nor oversell stock.
public enum RedemptionCommands {
    public struct Outcome: Sendable {
        public var redemption: Redemption
        public var balance: LedgerBalance
        /// A redemption placed earlier under the same id with the same request, answered again.
        public var replayed = false

        /// `{"redemption": …, "balance": <the member's balance in the cost currency>}`.
        public var json: JSONValue {
            .object(JSONObject([("redemption", redemption.json), ("balance", balance.json)]))
        }
    }

    public struct Request: Sendable, Equatable {
        public var id: String?
        public var memberID: String
        public var rewardID: String

        public init(id: String? = nil, memberID: String, rewardID: String) {
            self.id = id
            self.memberID = memberID
            self.rewardID = rewardID
        }

        public static func parse(_ body: JSONValue) throws(DomainError) -> Request {
            let report = ValidationReport()
            let reader = try FieldReader.document(body, report: report)
            reader.rejectUnknownKeys(["id", "member_id", "reward_id"])
            let id = reader.string("id", required: false, rule: .identifier)
            let member = reader.string("member_id", required: true, rule: .identifier)
            let reward = reader.string("reward_id", required: true, rule: .identifier)
            try report.check()
            guard let member, let reward else { fatalError("required fields were reported") }
            return Request(id: id, memberID: member, rewardID: reward)
        }

        /// The `ContentFingerprint` of what was asked, under the id it is placed with: a redemption
        /// stores every field of its request, so the stored one's fingerprint is recomputed from it.
        public func fingerprint(id: String) -> String {
            ContentFingerprint.of(.object(JSONObject([
                ("id", .string(id)), ("member_id", .string(memberID)), ("reward_id", .string(rewardID)),
            ])))
        }
    }

    public static let codeBytesMax = 200

    /// `{"code"?: "ABC-123"}`, or no body at all.
    public static func parseCode(_ body: JSONValue?) throws(DomainError) -> String? {
        guard let body else { return nil }
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["code"])
        let code = reader.string("code", required: false, rule: .text(max: codeBytesMax))
        try report.check()
        return code
    }

    /// Checks eligibility, takes one from stock, holds the cost and records the redemption pending.
    /// An unknown or invisible member or reward is 422; not in the audience 422; anything that
    /// depends on the moment (window, stock, limit, points) 409. A refusal writes nothing. The
    /// caller's `id` makes it idempotent, like an event's: see `replay`.
    public static func redeem(_ request: Request, context: ChangeContext, generatedID: String, in store: any StoreWriter) throws -> Outcome {
        if let principal = context.principal, principal.role == .viewer {
            throw DomainError.forbidden("a viewer key cannot redeem rewards")
        }
        // The member first: a partner naming another organization's member learns nothing about ids.
        guard let member = try store.member(id: request.memberID), context.principal?.canSee(organizationID: member.organizationID) ?? true
        else { throw DomainError.unprocessable([ValidationError(path: "$.member_id", message: "no such member: \(request.memberID)")]) }
        let id = request.id ?? generatedID
        if let stored = try store.redemption(id: id) { return try replay(stored, of: request, context: context, in: store) }
        guard let reward = try store.reward(id: request.rewardID) else {
            throw DomainError.unprocessable([ValidationError(path: "$.reward_id", message: "no such reward: \(request.rewardID)")])
        }
        let eligibility = try eligibility(of: reward, for: member, try candidate(member, in: store), at: context.at, in: store)
        try refuse(eligibility, reward)
        let ledger = try ledger(for: reward.cost.currency, in: store)
        if reward.stock != nil { try store.changeStock(rewardID: reward.id, by: -1) }
        do {
            try ledger.hold(reward.cost.amount, reward.cost.currency, from: .member(member.id), redemptionID: id, at: context.at)
        } catch let error as LedgerError {
            throw error.domainError
        }
        let redemption = Redemption(
            id: id, memberID: member.id, rewardID: reward.id, currency: reward.cost.currency, cost: reward.cost.amount, createdAt: context.at)
        try store.save(redemption)
        try store.append(context.audit("redemption.create", "redemption", id, before: nil, after: redemption.json))
        try sendStatus(redemption, at: context.at, in: store)
        return Outcome(redemption: redemption, balance: try ledger.balance(of: .member(member.id), reward.cost.currency, at: context.at))
    }

    /// The same request under a used id answers the stored redemption as it now is, writing
    /// nothing. Another request under it is 422 at `$.id`, and so is an id whose redemption the
    /// caller may not see, whatever the body: a partner probing ids cannot tell whose it is.
    private static func replay(_ stored: Redemption, of request: Request, context: ChangeContext, in store: any StoreReader) throws -> Outcome {
        let visible = try context.principal.map { try isVisible(stored, to: $0, in: store) } ?? true
        guard visible, request.fingerprint(id: stored.id) == stored.requestFingerprint else {
            throw DomainError.unprocessable([ValidationError(path: "$.id", message: "redemption id already used for a different redemption")])
        }
        let balance = try LedgerView(store).balance(of: .member(stored.memberID), stored.currency, at: context.at)
        return Outcome(redemption: stored, balance: balance, replayed: true)
    }

    /// Settles the hold; fulfilling a fulfilled one answers it unchanged, a cancelled one is 409.
    public static func fulfill(_ id: String, code: String?, context: ChangeContext, in store: any StoreWriter) throws -> Outcome {
        try transition(
            id, context: context, in: store, action: "redemption.fulfill",
            refusal: { $0.managesDirectory ? nil : "only admin and integration keys fulfill redemptions" },
            { $0.fulfill(code: code, at: context.at) }
        ) {
            redemption, ledger in
            try ledger.settle(redemptionID: redemption.id, at: context.at)
        }
    }

    /// Releases the hold (the points go back to exactly the lots they came from) and restores
    /// stock; cancelling twice answers unchanged, a fulfilled one is 409.
    public static func cancel(_ id: String, context: ChangeContext, in store: any StoreWriter) throws -> Outcome {
        try transition(
            id, context: context, in: store, action: "redemption.cancel",
            refusal: { $0.role == .viewer ? "a viewer key cannot cancel redemptions" : nil }, { $0.cancel(at: context.at) }
        ) {
            redemption, ledger in
            try ledger.release(redemptionID: redemption.id, at: context.at)
            if let reward = try store.reward(id: redemption.rewardID), reward.stock != nil {
                try store.changeStock(rewardID: reward.id, by: 1)
            }
        }
    }

    public static func get(_ id: String, as principal: Principal, in store: any StoreReader) throws -> Redemption {
        guard let redemption = try store.redemption(id: id), try isVisible(redemption, to: principal, in: store) else {
            throw DomainError.notFound(kind: "redemption", id: id)
        }
        return redemption
    }

    /// A partner key lists only its own members' redemptions.
    public static func list(
        _ filter: RedemptionFilter, page: PageRequest, as principal: Principal, in store: any StoreReader
    ) throws -> Page<Redemption> {
        var scoped = filter
        if principal.role == .partner { scoped.organizationID = principal.organizationID ?? "" }
        return try store.redemptions(scoped, page: page)
    }

    /// A member's redemptions; 404 when the caller may not see the member.
    public static func list(
        ofMember memberID: String, status: Redemption.Status?, page: PageRequest, as principal: Principal, in store: any StoreReader
    ) throws -> Page<Redemption> {
        let member = try MemberCommands.get(memberID, as: principal, in: store).member
        return try store.redemptions(RedemptionFilter(memberID: member.id, status: status), page: page)
    }

    static func candidate(_ member: Member, in store: any StoreReader) throws -> RewardEligibility.Candidate {
        let organization = try store.organization(id: member.organizationID)
        var levels: [String: String] = [:]
        for ladder in try store.tierLadders(subject: .member) {
            let stored = try store.tierState(holder: .member(member.id), ladderID: ladder.id)?.levelID
            levels[ladder.id] = ladder.levels[ladder.levelIndex(of: stored)].id
        }
        return RewardEligibility.Candidate(
            role: member.role, organizationKind: organization?.kind, segments: organization?.segments ?? [], tierLevels: levels)
    }

    static func eligibility(
        of reward: Reward, for member: Member, _ candidate: RewardEligibility.Candidate, at: Timestamp, in store: any StoreReader
    ) throws -> RewardEligibility {
        let available = try LedgerView(store).balance(of: .member(member.id), reward.cost.currency, at: at).available
        let redeemed = try store.redemptionCount(memberID: member.id, rewardID: reward.id)
        let ladder = try reward.minTier.flatMap { try store.tierLadder(id: $0.ladderID) }
        return RewardEligibility.check(reward, for: candidate, available: available, redeemed: redeemed, ladder: ladder, at: at)
    }

    private static func refuse(_ eligibility: RewardEligibility, _ reward: Reward) throws {
        guard !eligibility.redeemableNow else { return }
        let detail = "cannot redeem \(reward.id): " + eligibility.reasons.map(\.message).joined(separator: "; ")
        // Who the member is (audience, tier) is a 422 on the member; what is missing now (stock, points) a 409.
        let audienceOnly = eligibility.reasons.allSatisfy {
            switch $0 {
            case .notInAudience, .belowTier, .tierUnavailable: true
            default: false
            }
        }
        if audienceOnly { throw DomainError.unprocessable([ValidationError(path: "$.member_id", message: detail)]) }
        throw DomainError.conflict(detail)
    }

    private static func ledger(for currencyID: String, in store: any StoreWriter) throws -> Ledger {
        guard let currency = try store.currency(id: currencyID) else {
            throw DomainError.unprocessable([ValidationError(path: "$.reward_id", message: "the reward's currency \(currencyID) no longer exists")])
        }
        return Ledger(store: store, policies: [currency.id: LedgerCurrencyPolicy(currency)])
    }

    private static func transition(
        _ id: String, context: ChangeContext, in store: any StoreWriter, action: String, refusal: (Principal) -> String?,
        _ step: (inout Redemption) -> Redemption.Action, apply: (Redemption, Ledger) throws -> Void
    ) throws -> Outcome {
        // Visibility first: a partner key asking about another organization's redemption gets 404, not 403.
        let before = try context.principal.map { try get(id, as: $0, in: store) } ?? store.redemption(id: id)
        guard let before else { throw DomainError.notFound(kind: "redemption", id: id) }
        if let principal = context.principal, let why = refusal(principal) { throw DomainError.forbidden(why) }
        var after = before
        let ledger = try ledger(for: before.currency, in: store)
        switch step(&after) {
        case .refuse(let why): throw DomainError.conflict(why)
        case .unchanged: after = before
        case .apply:
            do { try apply(after, ledger) } catch let error as LedgerError { throw error.domainError }
            try store.save(after)
            try store.append(context.audit(action, "redemption", id, before: before.json, after: after.json))
            try sendStatus(after, at: context.at, in: store)
        }
        return Outcome(redemption: after, balance: try ledger.balance(of: .member(after.memberID), after.currency, at: context.at))
    }

    /// The member's message for the redemption's new status, when the program has a template.
    static func sendStatus(_ redemption: Redemption, at: Timestamp, in store: any StoreWriter) throws {
        let messenger = try Messenger(in: store)
        guard !messenger.isSilent else { return }
        try messenger.send(.redemptionStatus, to: redemption.memberID, values: [
            "reward_name": try store.reward(id: redemption.rewardID)?.name ?? redemption.rewardID, "status": redemption.status.rawValue,
            "code": redemption.code ?? "", "cost": String(redemption.cost), "currency": redemption.currency,
        ], at: at)
    }

    private static func isVisible(_ redemption: Redemption, to principal: Principal, in store: any StoreReader) throws -> Bool {
        guard principal.role == .partner else { return true }
        guard let member = try store.member(id: redemption.memberID) else { return false }
        return principal.canSee(organizationID: member.organizationID)
    }
}

extension Redemption {
    /// The fingerprint of the request that placed it (see `RedemptionCommands.Request.fingerprint`).
    var requestFingerprint: String {
        RedemptionCommands.Request(id: id, memberID: memberID, rewardID: rewardID).fingerprint(id: id)
    }
}

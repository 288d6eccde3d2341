/// Moving spendable points inside one organization: a rep pools points with the company, or
/// gives them to a colleague, as the program allows. Never across organizations, never in a
/// currency that only qualifies tiers (moving status credits would buy tiers).
public enum TransferCommands {
    public struct Transferred: Sendable {
        public var posting: LedgerPosting
        public var from: LedgerHolder
        public var to: LedgerHolder
        public var fromBalance: LedgerBalance
        public var toBalance: LedgerBalance

        public var json: JSONValue {
            .object(JSONObject([
                ("posting", posting.entryJSON(for: from.account)),
                ("balances", .object(JSONObject([
                    (from.description, .object(JSONObject([(posting.currency, fromBalance.json)]))),
                    (to.description, .object(JSONObject([(posting.currency, toBalance.json)]))),
                ]))),
            ]))
        }
    }

    public static func transfer(
        _ draft: TransferDraft, policy: TransferPolicy, context: ChangeContext, in store: any StoreWriter
    ) throws -> Transferred {
        if let principal = context.principal, principal.role == .viewer {
            throw DomainError.forbidden("a viewer key cannot move points")
        }
        let fromOrganization = try organization(of: draft.from, path: "$.from", as: context.principal, in: store)
        let toOrganization = try organization(of: draft.to, path: "$.to", as: context.principal, in: store)
        try checkAllowed(draft, policy: policy, fromOrganization, toOrganization)
        guard let currency = try store.currency(id: draft.currency) else {
            throw DomainError.unprocessable([ValidationError(path: "$.currency", message: "no such currency: \(draft.currency)")])
        }
        guard currency.redeemable else {
            throw DomainError.unprocessable([ValidationError(
                path: "$.currency", message: "\(currency.id) is not redeemable; it only qualifies tiers and cannot be transferred")])
        }
        let ledger = Ledger(store: store, policies: [currency.id: LedgerCurrencyPolicy(currency)])
        let posting: LedgerPosting
        do {
            posting = try ledger.transfer(
                draft.amount, currency.id, from: draft.from, to: draft.to, at: context.at,
                references: LedgerPosting.References(reason: draft.reason))
        } catch let error as LedgerError {
            throw error.domainError
        }
        let transferred = Transferred(
            posting: posting, from: draft.from, to: draft.to,
            fromBalance: try ledger.balance(of: draft.from, currency.id, at: context.at),
            toBalance: try ledger.balance(of: draft.to, currency.id, at: context.at))
        let (kind, id) = draft.from.kindAndID
        try store.append(context.audit("ledger.transfer", kind, id, before: nil, after: transferred.json))
        return transferred
    }

    /// The holder's organization; a holder that does not exist or that the key may not see is
    /// reported the same way.
    private static func organization(of holder: LedgerHolder, path: String, as principal: Principal?, in store: any StoreReader) throws -> String {
        let (kind, id) = holder.kindAndID
        let organizationID: String? = switch holder {
        case .member(let id): try store.member(id: id)?.organizationID
        case .organization(let id): try store.organizationExists(id: id) ? id : nil
        }
        guard let organizationID, principal?.canSee(organizationID: organizationID) ?? true else {
            throw DomainError.unprocessable([ValidationError(path: "\(path).\(kind)_id", message: "no such \(kind): \(id)")])
        }
        return organizationID
    }

    private static func checkAllowed(_ draft: TransferDraft, policy: TransferPolicy, _ fromOrganization: String, _ toOrganization: String) throws {
        func refuse(_ message: String) -> DomainError { .unprocessable([ValidationError(path: "$.to", message: message)]) }
        guard policy != .none else { throw DomainError.forbidden("this program does not allow transfers") }
        guard fromOrganization == toOrganization else { throw refuse("transfers stay inside one organization") }
        switch (draft.from, draft.to) {
        case (.member, .organization), (.organization, .member):
            return
        case (.member, .member):
            guard policy == .withinOrganization else { throw refuse("this program allows transfers only between a member and its organization") }
        case (.organization, .organization):
            throw refuse("an organization cannot transfer to itself")
        }
    }
}

extension LedgerHolder {
    /// `("member", id)` or `("organization", id)`, for paths, messages and the audit log.
    var kindAndID: (kind: String, id: String) {
        switch self {
        case .member(let id): ("member", id)
        case .organization(let id): ("organization", id)
        }
    }
}

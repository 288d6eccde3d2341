/// Admin corrections of a balance, booked as one `adjust` posting and audited.
public enum AdjustmentCommands {
    public struct Adjusted: Sendable {
        public var posting: LedgerPosting
        public var balance: LedgerBalance
        public var holder: LedgerHolder

        /// `{"posting": <entry as the holder sees it>, "balance": <the holder's new balance>}`.
        public var json: JSONValue {
            .object(JSONObject([("posting", posting.entryJSON(for: holder.account)), ("balance", balance.json)]))
        }
    }

    /// Unknown holder or currency: 422 with the path; a debit above what is available now: 409
    /// saying how much is available, and nothing written.
    public static func adjust(_ draft: AdjustmentDraft, context: ChangeContext, in store: any StoreWriter) throws -> Adjusted {
        var problems: [ValidationError] = []
        switch draft.holder {
        case .member(let id):
            if try store.member(id: id) == nil { problems.append(ValidationError(path: "$.member_id", message: "no such member: \(id)")) }
        case .organization(let id):
            if try !store.organizationExists(id: id) {
                problems.append(ValidationError(path: "$.organization_id", message: "no such organization: \(id)"))
            }
        }
        let currency = try store.currency(id: draft.currency)
        if currency == nil { problems.append(ValidationError(path: "$.currency", message: "no such currency: \(draft.currency)")) }
        guard problems.isEmpty, let currency else { throw DomainError.unprocessable(problems) }
        let ledger = Ledger(store: store, policies: [currency.id: LedgerCurrencyPolicy(currency)])
        let before = try ledger.balance(of: draft.holder, currency.id, at: context.at)
        let posting: LedgerPosting
        do {
            posting = try ledger.adjust(draft.amount, currency.id, for: draft.holder, reason: draft.reason, at: context.at)
        } catch let error as LedgerError {
            throw error.domainError
        }
        let adjusted = Adjusted(
            posting: posting, balance: try ledger.balance(of: draft.holder, currency.id, at: context.at), holder: draft.holder)
        let (kind, id) = switch draft.holder {
        case .member(let id): ("member", id)
        case .organization(let id): ("organization", id)
        }
        try store.append(context.audit(
            "ledger.adjust", kind, id,
            before: .object(JSONObject([("currency", .string(currency.id)), ("balance", before.json)])),
            after: .object(JSONObject([("currency", .string(currency.id)), ("posting", posting.json), ("balance", adjusted.balance.json)]))))
        return adjusted
    }
}

/// Currencies are program configuration: every key may read them (a partner portal shows their
/// names), only admin keys change them.
public enum CurrencyCommands {
    public struct PutOutcome: Sendable {
        public var currency: Currency
        public var created: Bool
    }

    public static func get(_ id: String, in store: any StoreReader) throws -> Currency {
        guard let currency = try store.currency(id: id) else { throw DomainError.notFound(kind: "currency", id: id) }
        return currency
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Currency> {
        try store.currencies(page: page)
    }

    public static func put(_ id: String, _ draft: CurrencyDraft, context: ChangeContext, in store: any StoreWriter) throws -> PutOutcome {
        try requireAdmin(context)
        let before = try store.currency(id: id)
        let currency = draft.currency(id: id, createdAt: before?.createdAt ?? context.at, updatedAt: context.at)
        if var unchanged = before {
            unchanged.updatedAt = context.at
            if unchanged == currency { return PutOutcome(currency: before!, created: false) }  // no write, no audit
        }
        try store.save(currency)
        try store.append(context.audit("currency.put", "currency", id, before: before?.json, after: currency.json))
        return PutOutcome(currency: currency, created: before == nil)
    }

    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try requireAdmin(context)
        guard let before = try store.currency(id: id) else { throw DomainError.notFound(kind: "currency", id: id) }
        try store.deleteCurrency(id: id)
        try store.append(context.audit("currency.delete", "currency", id, before: before.json, after: nil))
    }

    private static func requireAdmin(_ context: ChangeContext) throws {
        if let principal = context.principal, !principal.isAdmin {
            throw DomainError.forbidden("only admin keys change currencies")
        }
    }
}

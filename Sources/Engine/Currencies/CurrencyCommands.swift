/// Currencies are program configuration: every key may read them (a partner portal shows their
/// names), only admin keys change them.
public enum CurrencyCommands {
    public static func get(_ id: String, in store: any StoreReader) throws -> Currency {
        try ConfigurationWrites.get(id, load: store.currency(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Currency> {
        try store.currencies(page: page)
    }

    public static func put(_ id: String, _ draft: CurrencyDraft, context: ChangeContext, in store: any StoreWriter) throws -> ConfigurationWrites.Put<Currency> {
        return try ConfigurationWrites.put(
            id, context: context, in: store, load: store.currency(id:),
            make: { draft.currency(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save)
    }

    /// Refused (409, listing each) while a live rule, a reward or a tier ladder uses it, or while
    /// holders still hold it or pending redemptions hold it: the ledger keeps its history either way.
    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(
            id, context: context, in: store, load: store.currency(id:),
            references: { try ConfigurationReferences.toCurrency($0, in: store) }, remove: store.deleteCurrency)
    }
}

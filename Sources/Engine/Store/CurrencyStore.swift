public protocol CurrencyReader {
    func currency(id: String) throws -> Currency?
    /// Ordered by id.
    func currencies(page: PageRequest) throws -> Page<Currency>
    /// Holders with an open lot of the currency and redemptions holding it, in one query.
    func outstanding(currency: String) throws -> CurrencyOutstanding
}

public protocol CurrencyWriter: CurrencyReader {
    /// Inserts or replaces by id.
    func save(_ currency: Currency) throws
    func deleteCurrency(id: String) throws
}

import Engine
import SQLite

extension SQLStore {
    private static let currencyColumns = "id, name, redeemable, expiry_kind, expiry_value, pending_days, created_at, updated_at"

    func currency(id: String) throws -> Currency? {
        try cached(\.currencies, id) {
            try connection.queryOne("SELECT \(Self.currencyColumns) FROM currencies WHERE id = ?", [.text(id)]).map(Self.currency)
        }
    }

    func currencies(page: PageRequest) throws -> Page<Currency> {
        let rows = try connection.query(
            "SELECT \(Self.currencyColumns) FROM currencies WHERE id > ? ORDER BY id LIMIT ?",
            [.text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.currency), limit: page.limit, key: \.id)
    }

    func save(_ currency: Currency) throws {
        let (kind, value) = Self.columns(of: currency.expiry)
        try connection.run(
            """
            INSERT INTO currencies (id, name, redeemable, expiry_kind, expiry_value, pending_days, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, redeemable = excluded.redeemable,
                expiry_kind = excluded.expiry_kind, expiry_value = excluded.expiry_value,
                pending_days = excluded.pending_days, updated_at = excluded.updated_at
            """,
            [.text(currency.id), .text(currency.name), SQLiteValue(currency.redeemable), .text(kind), .integer(Int64(value)),
             .integer(Int64(currency.pendingDays)), SQLiteValue(currency.createdAt), SQLiteValue(currency.updatedAt)])
        writerCache?.currencies.forget(currency.id)
    }

    func deleteCurrency(id: String) throws {
        try connection.run("DELETE FROM currencies WHERE id = ?", [.text(id)])
        writerCache?.currencies.forget(id)
    }

    private static func columns(of expiry: CurrencyExpiry) -> (kind: String, value: Int) {
        switch expiry {
        case .never: ("never", 0)
        case .afterDays(let days): ("after_days", days)
        case .endOf(let period, let periodsAfter): ("end_of_\(period.rawValue)", periodsAfter)
        }
    }

    private static func currency(_ row: SQLiteRow) throws -> Currency {
        let kind = try row.requiredString("expiry_kind")
        let value = row.int("expiry_value") ?? 0
        let expiry: CurrencyExpiry
        switch kind {
        case "never": expiry = .never
        case "after_days": expiry = .afterDays(value)
        default:
            guard kind.hasPrefix("end_of_"), let period = CalendarPeriod(rawValue: String(kind.dropFirst("end_of_".count))) else {
                throw StorageError.corrupt("currency expiry \(kind)")
            }
            expiry = .endOf(period, periodsAfter: value)
        }
        return Currency(
            id: try row.requiredString("id"), name: try row.requiredString("name"), redeemable: row.bool("redeemable") ?? true,
            expiry: expiry, pendingDays: row.int("pending_days") ?? 0,
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }
}

extension SQLStore {
    /// One statement. Holders come from the partial index ledger_lots_open (spelled `remaining >
    /// 0` as it is, and covering: holder and currency are its columns), so only open lots are
    /// walked, never the spent history; a holder's balance is the sum of its open lots. Open holds
    /// are one row per redemption and read only when a currency is deleted.
    func outstanding(currency: String) throws -> CurrencyOutstanding {
        let row = try connection.queryOne(
            """
            SELECT
                (SELECT count(DISTINCT holder) FROM ledger_lots WHERE currency = ?1 AND remaining > 0) AS holders,
                (SELECT count(*) FROM ledger_holds WHERE currency = ?1 AND state = 'open') AS holds
            """, [.text(currency)])
        return CurrencyOutstanding(
            currency: currency, holders: row?.int64("holders") ?? 0, pendingRedemptions: row?.int64("holds") ?? 0)
    }
}

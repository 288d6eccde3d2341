extension Currency {
    /// The document form: what the API answers and the audit log keeps.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("name", .string(name)),
            ("redeemable", .bool(redeemable)),
            ("expiry", expiry.json),
            ("pending_days", .int(Int64(pendingDays))),
            ("created_at", .string(createdAt.rfc3339)),
            ("updated_at", .string(updatedAt.rfc3339)),
        ]))
    }
}

extension CurrencyExpiry {
    /// `null` for never; otherwise the same object the API accepts.
    public var json: JSONValue {
        switch self {
        case .never: .null
        case .afterDays(let days): ["after_days": .int(Int64(days))]
        case .endOf(let period, let periodsAfter):
            ["end_of": .string(period.rawValue), "periods_after": .int(Int64(periodsAfter))]
        }
    }
}

extension Currency: ConfigurationObject {
    public static let kind = "currency"
    public static let kindPlural = "currencies"
}

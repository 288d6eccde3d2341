/// The writable fields of a currency, validated from `PUT /v1/currencies/{id}`.
public struct CurrencyDraft: Sendable, Equatable {
    public var name: String
    public var redeemable: Bool
    public var expiry: CurrencyExpiry
    public var pendingDays: Int

    public init(name: String, redeemable: Bool = true, expiry: CurrencyExpiry = .never, pendingDays: Int = 0) {
        self.name = name
        self.redeemable = redeemable
        self.expiry = expiry
        self.pendingDays = pendingDays
    }

    public static let expiryDaysMax: Int64 = 36_500
    public static let pendingDaysMax: Int64 = 365
    public static let periodsAfterMax: Int64 = 120

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> CurrencyDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["id", "name", "redeemable", "expiry", "pending_days"])
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let redeemable = reader.bool("redeemable", required: false) ?? true
        let expiry = parseExpiry(reader)
        let pendingDays = reader.integer("pending_days", required: false, range: 0...pendingDaysMax) ?? 0
        try report.check()
        guard let name, let expiry else { fatalError("required fields were reported") }
        return CurrencyDraft(name: name, redeemable: redeemable, expiry: expiry, pendingDays: Int(pendingDays))
    }

    /// `null`, absent or `"never"`; `{"after_days": N}`; `{"end_of": "quarter", "periods_after": 1}`.
    private static func parseExpiry(_ reader: FieldReader) -> CurrencyExpiry? {
        let path = reader.pathOf("expiry")
        switch reader.object["expiry"] {
        case nil, .null?, .string("never")?:
            return .never
        case .object(let object)?:
            let nested = FieldReader(object, path: path, report: reader.report)
            nested.rejectUnknownKeys(["after_days", "end_of", "periods_after"])
            let hasDays = object["after_days"] != nil
            let hasPeriod = object["end_of"] != nil
            guard hasDays != hasPeriod else {
                reader.report.add(path, "give exactly one of after_days or end_of")
                return nil
            }
            if hasDays {
                if object["periods_after"] != nil { reader.report.add("\(path).periods_after", "goes with end_of only") }
                return nested.integer("after_days", required: true, range: 1...expiryDaysMax).map { .afterDays(Int($0)) }
            }
            let period = nested.choice("end_of", required: true, as: CalendarPeriod.self)
            let periodsAfter = nested.integer("periods_after", required: false, range: 0...periodsAfterMax) ?? 0
            return period.map { .endOf($0, periodsAfter: Int(periodsAfter)) }
        case let other?:
            reader.report.add(path, "must be null, \"never\", {\"after_days\": N} or {\"end_of\": \"month|quarter|year\"}, not \(other.typeName)")
            return nil
        }
    }

    func currency(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> Currency {
        Currency(
            id: id, name: name, redeemable: redeemable, expiry: expiry, pendingDays: pendingDays,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

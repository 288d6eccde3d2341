/// An admin correction, validated from `POST /v1/adjustments`: credit (positive amount) or debit
/// (negative) one member or organization in one currency, with a reason.
public struct AdjustmentDraft: Sendable, Equatable {
    public static let reasonCharactersMax = 500

    public var holder: LedgerHolder
    public var currency: String
    /// Non-zero; |amount| ≤ 10^12.
    public var amount: Int64
    public var reason: String

    public init(holder: LedgerHolder, currency: String, amount: Int64, reason: String) {
        self.holder = holder
        self.currency = currency
        self.amount = amount
        self.reason = reason
    }

    public static func parse(_ body: JSONValue) throws(DomainError) -> AdjustmentDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["member_id", "organization_id", "currency", "amount", "reason"])
        let memberID = reader.string("member_id", required: false, rule: .identifier)
        let organizationID = reader.string("organization_id", required: false, rule: .identifier)
        // A null names no holder, as an absent field does (it used to count as named, then trap below).
        if reader.countGiven(["member_id", "organization_id"]) != 1 { report.add("$", "name exactly one of member_id and organization_id") }
        let currency = reader.string("currency", required: true, rule: .identifier)
        let amount = reader.integer("amount", required: true, range: -LedgerAmount.perPostingMax...LedgerAmount.perPostingMax)
        if amount == 0 { report.add(reader.pathOf("amount"), "must not be zero") }
        let reason = reader.string("reason", required: true, rule: .text(max: reasonCharactersMax))
        try report.check()
        guard let currency, let amount, let reason else { fatalError("required fields were reported") }
        let holder: LedgerHolder
        if let memberID { holder = .member(memberID) } else if let organizationID { holder = .organization(organizationID) } else {
            fatalError("a missing holder was reported")
        }
        return AdjustmentDraft(holder: holder, currency: currency, amount: amount, reason: reason)
    }
}

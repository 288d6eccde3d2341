/// Points moved between holders, validated from `POST /v1/transfers`:
/// `{"from": {"member_id": "ann"}, "to": {"organization_id": "acme"}, "currency": "points", "amount": 100, "reason": "…"}`.
public struct TransferDraft: Sendable, Equatable {
    public static let reasonCharactersMax = 500

    public var from: LedgerHolder
    public var to: LedgerHolder
    public var currency: String
    public var amount: Int64
    public var reason: String?

    public init(from: LedgerHolder, to: LedgerHolder, currency: String, amount: Int64, reason: String? = nil) {
        self.from = from
        self.to = to
        self.currency = currency
        self.amount = amount
        self.reason = reason
    }

    public static func parse(_ body: JSONValue) throws(DomainError) -> TransferDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["from", "to", "currency", "amount", "reason"])
        let from = holder(reader, "from")
        let to = holder(reader, "to")
        let currency = reader.string("currency", required: true, rule: .identifier)
        let amount = reader.integer("amount", required: true, range: 1...LedgerAmount.perPostingMax)
        let reason = reader.string("reason", required: false, rule: .text(max: reasonCharactersMax))
        if let from, let to, from == to { report.add(reader.pathOf("to"), "must differ from from") }
        try report.check()
        guard let from, let to, let currency, let amount else { fatalError("required fields were reported") }
        return TransferDraft(from: from, to: to, currency: currency, amount: amount, reason: reason)
    }

    /// `{"member_id": …}` or `{"organization_id": …}`, exactly one.
    private static func holder(_ reader: FieldReader, _ key: String) -> LedgerHolder? {
        guard let object = reader.object(key, required: true) else { return nil }
        let nested = FieldReader(object, path: reader.pathOf(key), report: reader.report)
        nested.rejectUnknownKeys(["member_id", "organization_id"])
        let member = nested.string("member_id", required: false, rule: .identifier)
        let organization = nested.string("organization_id", required: false, rule: .identifier)
        // A null names no holder, as an absent field does (it used to count as named, then trap).
        guard nested.countGiven(["member_id", "organization_id"]) == 1 else {
            reader.report.add(reader.pathOf(key), "name exactly one of member_id and organization_id")
            return nil
        }
        return member.map(LedgerHolder.member) ?? organization.map(LedgerHolder.organization)
    }
}

/// Which transfers the program allows (`program.transfers` in the configuration).
public enum TransferPolicy: String, Sendable, CaseIterable {
    /// No transfers at all.
    case none
    /// Between a member and its own organization, both ways.
    case memberAndOrganization = "member_and_organization"
    /// That, and between two members of one organization.
    case withinOrganization = "within_organization"
}

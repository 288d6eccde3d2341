/// A request to create a key, validated from `POST /v1/keys`.
public struct KeyDraft: Sendable, Equatable {
    public var name: String
    public var role: KeyRole
    public var organizationID: String?
    public var rateLimit: RateLimit?

    public init(name: String, role: KeyRole, organizationID: String? = nil, rateLimit: RateLimit? = nil) {
        self.name = name
        self.role = role
        self.organizationID = organizationID
        self.rateLimit = rateLimit
    }

    public static func parse(_ body: JSONValue) throws(DomainError) -> KeyDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["name", "role", "organization_id", "rate_limit"])
        let role = reader.choice("role", required: true, as: KeyRole.self)
        let name = reader.string("name", required: false, rule: .text(max: 200))
        let organizationID = reader.string("organization_id", required: false, rule: .identifier)
        if role == .partner && organizationID == nil && (reader.object["organization_id"] ?? .null) == .null {
            report.add(reader.pathOf("organization_id"), "is required for a partner key")
        }
        if let role, role != .partner, let given = reader.object["organization_id"], given != .null {
            report.add(reader.pathOf("organization_id"), "only partner keys are scoped to an organization")
        }
        let rateLimit = parseRateLimit(reader)
        try report.check()
        guard let role else { fatalError("required fields were reported") }
        return KeyDraft(name: name ?? "\(role.rawValue) key", role: role, organizationID: organizationID, rateLimit: rateLimit)
    }

    private static func parseRateLimit(_ reader: FieldReader) -> RateLimit? {
        guard let object = reader.object("rate_limit", required: false) else { return nil }
        let nested = FieldReader(object, path: reader.pathOf("rate_limit"), report: reader.report)
        nested.rejectUnknownKeys(["per_second", "burst"])
        let perSecond = nested.integer("per_second", required: true, range: 1...1_000_000)
        let burst = nested.integer("burst", required: false, range: 1...1_000_000)
        guard let perSecond else { return nil }
        return RateLimit(perSecond: Int(perSecond), burst: Int(burst ?? perSecond * 2))
    }
}

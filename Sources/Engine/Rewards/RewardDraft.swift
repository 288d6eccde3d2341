/// The writable fields of a reward, validated from `PUT /v1/rewards/{id}`. Whether the currency
/// exists and is redeemable is checked against the store by `RewardCommands.put`.
public struct RewardDraft: Sendable, Equatable {
    public var name: String
    public var kind: Reward.Kind
    public var description: String?
    public var cost: RewardCost
    public var stock: Int64?
    public var perMemberLimit: Int64?
    public var audience: RewardAudience
    public var minTier: RewardMinTier?
    public var activeFrom: Timestamp?
    public var activeUntil: Timestamp?

    public init(
        name: String, kind: Reward.Kind, description: String? = nil, cost: RewardCost, stock: Int64? = nil, perMemberLimit: Int64? = nil,
        audience: RewardAudience = RewardAudience(), minTier: RewardMinTier? = nil, activeFrom: Timestamp? = nil, activeUntil: Timestamp? = nil
    ) {
        self.name = name
        self.kind = kind
        self.description = description
        self.cost = cost
        self.stock = stock
        self.perMemberLimit = perMemberLimit
        self.audience = audience
        self.minTier = minTier
        self.activeFrom = activeFrom
        self.activeUntil = activeUntil
    }

    /// The PUT body that gives this draft back (absent fields left out), which is how storage
    /// keeps a reward's document.
    public var document: JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(name)), ("kind", .string(kind.rawValue)), ("cost", cost.json)]
        if let description { fields.append(("description", .string(description))) }
        if let stock { fields.append(("stock", .int(stock))) }
        if let perMemberLimit { fields.append(("per_member_limit", .int(perMemberLimit))) }
        if !audience.isEmpty { fields.append(("audience", audience.json)) }
        if let minTier {
            fields.append(("min_tier", .object(JSONObject([("ladder_id", .string(minTier.ladderID)), ("level_id", .string(minTier.levelID))]))))
        }
        var window: [(String, JSONValue)] = []
        if let activeFrom { window.append(("from", .string(activeFrom.rfc3339))) }
        if let activeUntil { window.append(("until", .string(activeUntil.rfc3339))) }
        if !window.isEmpty { fields.append(("active", .object(JSONObject(window)))) }
        return .object(JSONObject(fields))
    }

    public static let descriptionBytesMax = 2_000
    public static let costMax: Int64 = 1_000_000_000_000
    /// A stock or per-member limit above a billion is a typo, not a catalog.
    public static let countMax: Int64 = 1_000_000_000
    /// Entries per audience list.
    public static let audienceEntriesMax = 100

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> RewardDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys([
            "id", "name", "kind", "description", "cost", "stock", "per_member_limit", "audience", "min_tier", "active",
        ])
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let kind = reader.choice("kind", required: true, as: Reward.Kind.self)
        let description = reader.string("description", required: false, rule: .text(max: descriptionBytesMax))
        let cost = reader.object("cost", required: true).flatMap { parseCost($0, reader) }
        let stock = reader.integer("stock", required: false, range: 0...countMax)
        let perMemberLimit = reader.integer("per_member_limit", required: false, range: 1...countMax)
        let audience = reader.object("audience", required: false).map { parseAudience($0, reader) } ?? RewardAudience()
        let minTier = reader.object("min_tier", required: false).flatMap { parseMinTier($0, reader) }
        let window = reader.object("active", required: false).map { parseWindow($0, reader) } ?? (nil, nil)
        try report.check()
        guard let name, let kind, let cost else { fatalError("required fields were reported") }
        return RewardDraft(
            name: name, kind: kind, description: description, cost: cost, stock: stock, perMemberLimit: perMemberLimit,
            audience: audience, minTier: minTier, activeFrom: window.0, activeUntil: window.1)
    }

    private static func parseCost(_ object: JSONObject, _ reader: FieldReader) -> RewardCost? {
        let nested = FieldReader(object, path: reader.pathOf("cost"), report: reader.report)
        nested.rejectUnknownKeys(["currency", "amount"])
        let currency = nested.string("currency", required: true, rule: .identifier)
        let amount = nested.integer("amount", required: true, range: 1...costMax)
        guard let currency, let amount else { return nil }
        return RewardCost(currency: currency, amount: amount)
    }

    private static func parseAudience(_ object: JSONObject, _ reader: FieldReader) -> RewardAudience {
        let nested = FieldReader(object, path: reader.pathOf("audience"), report: reader.report)
        nested.rejectUnknownKeys(["roles", "organization_kinds", "segments"])
        func words(_ key: String) -> [String] {
            nested.stringList(key, required: false, rule: .word, countMax: audienceEntriesMax) ?? []
        }
        return RewardAudience(roles: words("roles"), organizationKinds: words("organization_kinds"), segments: words("segments"))
    }

    private static func parseMinTier(_ object: JSONObject, _ reader: FieldReader) -> RewardMinTier? {
        let nested = FieldReader(object, path: reader.pathOf("min_tier"), report: reader.report)
        nested.rejectUnknownKeys(["ladder_id", "level_id"])
        let ladder = nested.string("ladder_id", required: true, rule: .identifier)
        let level = nested.string("level_id", required: true, rule: .identifier)
        guard let ladder, let level else { return nil }
        return RewardMinTier(ladderID: ladder, levelID: level)
    }

    private static func parseWindow(_ object: JSONObject, _ reader: FieldReader) -> (Timestamp?, Timestamp?) {
        let nested = FieldReader(object, path: reader.pathOf("active"), report: reader.report)
        nested.rejectUnknownKeys(["from", "until"])
        func instant(_ key: String) -> Timestamp? {
            guard let text = nested.string(key, required: false, rule: .text(max: 64)) else { return nil }
            guard let instant = RFC3339.parse(text) else {
                nested.report.add(nested.pathOf(key), "must be an RFC 3339 date-time such as 2026-12-31T23:59:59Z")
                return nil
            }
            return instant
        }
        let from = instant("from"), until = instant("until")
        if let from, let until, until <= from { nested.report.add(nested.pathOf("until"), "must be after from") }
        return (from, until)
    }

    public func reward(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> Reward {
        Reward(
            id: id, name: name, kind: kind, description: description, cost: cost, stock: stock, perMemberLimit: perMemberLimit,
            audience: audience, minTier: minTier, activeFrom: activeFrom, activeUntil: activeUntil, createdAt: createdAt,
            updatedAt: updatedAt)
    }
}

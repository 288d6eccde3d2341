/// Who may join a quest: members whose role, tier, organization segment and organization kind are
/// each among the listed ones (an empty list admits everyone on that count). Checked when a
/// member joins; a member who later leaves the audience keeps their place.
public struct QuestAudience: Sendable, Equatable {
    public var roles: [String] = []
    /// Level ids on any member tier ladder (a member without a stored level holds each ladder's first).
    public var tiers: [String] = []
    public var segments: [String] = []
    public var organizationKinds: [String] = []

    public static let everyone = QuestAudience()
    static let listCountMax = 50

    public var isEveryone: Bool { roles.isEmpty && tiers.isEmpty && segments.isEmpty && organizationKinds.isEmpty }

    static func parse(_ reader: FieldReader) -> QuestAudience? {
        guard reader.object["audience"] != nil, reader.object["audience"] != .null else { return .everyone }
        guard let object = reader.object("audience", required: false) else { return nil }
        let audience = FieldReader(object, path: reader.pathOf("audience"), report: reader.report)
        audience.rejectUnknownKeys(["roles", "tiers", "segments", "organization_kinds"])
        func list(_ key: String) -> [String] {
            audience.stringList(key, required: false, rule: .word, countMax: listCountMax) ?? []
        }
        return QuestAudience(roles: list("roles"), tiers: list("tiers"), segments: list("segments"), organizationKinds: list("organization_kinds"))
    }

    /// Nil when the member is in the audience; otherwise why not ("role is engineer, the quest is for sales").
    public func refusal(member: Member, organization: Organization?, in store: any TierReader) throws -> String? {
        if !roles.isEmpty, !roles.contains(member.role) {
            return "role is \(member.role); the quest is for \(roles.joined(separator: ", "))"
        }
        if !organizationKinds.isEmpty, !organizationKinds.contains(organization?.kind ?? "") {
            return "organization kind is \(organization?.kind ?? "none"); the quest is for \(organizationKinds.joined(separator: ", "))"
        }
        if !segments.isEmpty, !segments.contains(where: { organization?.segments.contains($0) ?? false }) {
            return "organization is in none of the segments \(segments.joined(separator: ", "))"
        }
        if !tiers.isEmpty {
            let held = try Self.tiers(of: member.id, in: store)
            if !tiers.contains(where: held.contains) {
                return "tier is \(held.isEmpty ? "none" : held.joined(separator: ", ")); the quest is for \(tiers.joined(separator: ", "))"
            }
        }
        return nil
    }

    /// The member's level on every member ladder.
    static func tiers(of memberID: String, in store: any TierReader) throws -> [String] {
        try store.tierLadders(subject: .member).compactMap { ladder in
            try store.tierState(holder: .member(memberID), ladderID: ladder.id)?.levelID ?? ladder.levels.first?.id
        }
    }

    public var json: JSONValue {
        func list(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        return .object(JSONObject([
            ("roles", list(roles)), ("tiers", list(tiers)), ("segments", list(segments)), ("organization_kinds", list(organizationKinds)),
        ]))
    }
}

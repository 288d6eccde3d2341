/// The writable fields of a member, validated from a `PUT /v1/members/{id}` body.
public struct MemberDraft: Sendable, Equatable {
    public var organizationID: String
    public var name: String?
    public var role: String
    public var team: String?
    public var attributes: JSONObject
    public var status: RecordStatus
    public var publicProfile: Bool

    static let fields: Set<String> = [
        "id", "organization_id", "name", "role", "team", "attributes", "status", "public_profile",
    ]

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> MemberDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(fields)
        checkBodyID(reader, matches: id)
        let organizationID = reader.string("organization_id", required: true, rule: .identifier)
        let name = reader.string("name", required: false, rule: .text(max: 200))
        let role = reader.string("role", required: true, rule: .word)
        let team = reader.string("team", required: false, rule: .text(max: 128))
        let attributes = reader.object("attributes", required: false) ?? JSONObject()
        if attributes.count > OrganizationDraft.attributesCountMax {
            report.add(reader.pathOf("attributes"), "must have at most \(OrganizationDraft.attributesCountMax) keys")
        }
        let status = reader.choice("status", required: false, as: RecordStatus.self) ?? .active
        let publicProfile = reader.bool("public_profile", required: false) ?? true
        try report.check()
        guard let organizationID, let role else { fatalError("required fields were reported") }
        return MemberDraft(
            organizationID: organizationID, name: name, role: role, team: team, attributes: attributes,
            status: status, publicProfile: publicProfile)
    }

    func member(id: String, joinedAt: Timestamp, createdAt: Timestamp, updatedAt: Timestamp) -> Member {
        Member(
            id: id, organizationID: organizationID, name: name, role: role, team: team, attributes: attributes,
            status: status, publicProfile: publicProfile, joinedAt: joinedAt, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// The writable fields of an organization, validated from a `PUT /v1/organizations/{id}` body.
public struct OrganizationDraft: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var parentID: String?
    public var segments: [String]
    public var attributes: JSONObject
    public var status: RecordStatus

    static let fields: Set<String> = ["id", "name", "kind", "parent_id", "segment", "segments", "attributes", "status"]
    public static let segmentsCountMax = 50
    public static let attributesCountMax = 100

    /// Validates a PUT body. `id`, when present in the body, must equal the id in the path.
    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> OrganizationDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(fields)
        checkBodyID(reader, matches: id)
        let name = reader.string("name", required: true, rule: .text(max: 200))
        let kind = reader.string("kind", required: true, rule: .word)
        let parentID = reader.string("parent_id", required: false, rule: .identifier)
        if parentID == id { report.add(reader.pathOf("parent_id"), "an organization cannot be its own parent") }
        // `segment` is the name DESIGN.md uses; `segments` reads better for a list. Accept either, not both.
        if reader.object["segment"] != nil && reader.object["segments"] != nil {
            report.add(reader.pathOf("segments"), "give either segment or segments, not both")
        }
        let segmentKey = reader.object["segment"] != nil ? "segment" : "segments"
        let segments = reader.stringList(segmentKey, required: false, rule: .word, countMax: segmentsCountMax) ?? []
        let attributes = reader.object("attributes", required: false) ?? JSONObject()
        if attributes.count > attributesCountMax {
            report.add(reader.pathOf("attributes"), "must have at most \(attributesCountMax) keys")
        }
        let status = reader.choice("status", required: false, as: RecordStatus.self) ?? .active
        try report.check()
        guard let name, let kind else { fatalError("required fields were reported") }
        return OrganizationDraft(
            name: name, kind: kind, parentID: parentID, segments: segments, attributes: attributes, status: status)
    }

    func organization(id: String, createdAt: Timestamp, updatedAt: Timestamp) -> Organization {
        Organization(
            id: id, name: name, kind: kind, parentID: parentID, segments: segments, attributes: attributes,
            status: status, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A body may repeat the id of its path, but must not contradict it.
func checkBodyID(_ reader: FieldReader, matches id: String) {
    guard let value = reader.object["id"] else { return }
    if value != .string(id) {
        reader.report.add(reader.pathOf("id"), "must equal the id in the URL (\(id))")
    }
}

/// A company in the program: a partner, customer, supplier, or any kind the operator names.
public struct Organization: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: String
    /// The organization above this one (distributor → reseller); never forms a cycle.
    public var parentID: String?
    public var segments: [String]
    public var attributes: JSONObject
    public var status: RecordStatus
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, name: String, kind: String, parentID: String? = nil, segments: [String] = [],
        attributes: JSONObject = JSONObject(), status: RecordStatus = .active,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.segments = segments
        self.attributes = attributes
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Lifecycle of organizations and members. Suspended ones keep everything but earn nothing;
/// archived ones are kept for history only.
public enum RecordStatus: String, Sendable, CaseIterable {
    case active, suspended, archived
}

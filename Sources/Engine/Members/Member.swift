/// A person inside one organization.
public struct Member: Sendable, Equatable {
    public var id: String
    public var organizationID: String
    public var name: String?
    /// A free word: `sales`, `engineer`, `manager`, `purchasing`, `decision_maker`, …
    public var role: String
    public var team: String?
    public var attributes: JSONObject
    public var status: RecordStatus
    /// False opts the member out of leaderboards and the feed by name.
    public var publicProfile: Bool
    /// When the member joined its current organization.
    public var joinedAt: Timestamp
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, organizationID: String, name: String? = nil, role: String, team: String? = nil,
        attributes: JSONObject = JSONObject(), status: RecordStatus = .active, publicProfile: Bool = true,
        joinedAt: Timestamp? = nil, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.role = role
        self.team = team
        self.attributes = attributes
        self.status = status
        self.publicProfile = publicProfile
        self.joinedAt = joinedAt ?? createdAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One stay of a member in an organization. The open one (`leftAt == nil`) is the current one; it
/// lives in the member itself (`joinedAt`), and closed ones are kept apart, written only on a move.
/// Moving keeps the person's own points with the person and company-credited points with the
/// company: history says who belonged where, and when, so that later credit can be attributed.
public struct Membership: Sendable, Equatable {
    public var memberID: String
    public var organizationID: String
    public var joinedAt: Timestamp
    public var leftAt: Timestamp?

    public init(memberID: String, organizationID: String, joinedAt: Timestamp, leftAt: Timestamp? = nil) {
        self.memberID = memberID
        self.organizationID = organizationID
        self.joinedAt = joinedAt
        self.leftAt = leftAt
    }
}

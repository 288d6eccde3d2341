public struct OrganizationFilter: Sendable, Equatable {
    public var kind: String?
    public var segment: String?
    public var status: RecordStatus?
    /// Set for partner keys: only this organization is listed.
    public var onlyID: String?

    public init(kind: String? = nil, segment: String? = nil, status: RecordStatus? = nil, onlyID: String? = nil) {
        self.kind = kind
        self.segment = segment
        self.status = status
        self.onlyID = onlyID
    }
}

public struct MemberFilter: Sendable, Equatable {
    public var organizationID: String?
    public var role: String?
    public var team: String?
    public var status: RecordStatus?

    public init(organizationID: String? = nil, role: String? = nil, team: String? = nil, status: RecordStatus? = nil) {
        self.organizationID = organizationID
        self.role = role
        self.team = team
        self.status = status
    }
}

/// Organizations and members as stored.
public protocol DirectoryReader {
    func organization(id: String) throws -> Organization?
    /// Cheaper than `organization(id:)` when only existence matters (every member write asks).
    func organizationExists(id: String) throws -> Bool
    func organizations(_ filter: OrganizationFilter, page: PageRequest) throws -> Page<Organization>
    func childOrganizationCount(of id: String) throws -> Int
    func member(id: String) throws -> Member?
    func members(_ filter: MemberFilter, page: PageRequest) throws -> Page<Member>
    func memberCount(organizationID: String) throws -> Int
    /// The member's closed stays in organizations (before its current one), oldest first.
    func pastMemberships(memberID: String) throws -> [Membership]
    /// Name, organization, team and profile choice of each of these members that exists, by id:
    /// what a list of people shows, read at once.
    func memberCards(ids: [String]) throws -> [String: MemberCard]
    /// The name of each of these organizations that exists and has one, by id, read at once.
    func organizationNames(ids: [String]) throws -> [String: String]
    /// A value that changes with every change of any organization's name and never comes back;
    /// nil when the store cannot tell (then nothing showing names is reused).
    func organizationNamesGeneration() throws -> Int64?
}

/// What a list of people shows of a member.
public struct MemberCard: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var organizationID: String
    public var team: String?
    public var publicProfile: Bool

    public init(id: String, name: String?, organizationID: String, team: String?, publicProfile: Bool) {
        self.id = id
        self.name = name
        self.organizationID = organizationID
        self.team = team
        self.publicProfile = publicProfile
    }

    public init(_ member: Member) {
        self.init(id: member.id, name: member.name, organizationID: member.organizationID, team: member.team, publicProfile: member.publicProfile)
    }
}

public protocol DirectoryWriter: DirectoryReader {
    /// Inserts or replaces by id.
    func save(_ organization: Organization) throws
    func deleteOrganization(id: String) throws
    /// Inserts or replaces by id.
    func save(_ member: Member) throws
    func deleteMember(id: String) throws
    /// Keeps a closed stay when a member moves to another organization.
    func recordPastMembership(_ membership: Membership) throws
}

extension DirectoryReader {
    public func organizationExists(id: String) throws -> Bool {
        try organization(id: id) != nil
    }

    public func memberCards(ids: [String]) throws -> [String: MemberCard] {
        var cards: [String: MemberCard] = [:]
        for id in ids { if let member = try member(id: id) { cards[id] = MemberCard(member) } }
        return cards
    }

    public func organizationNames(ids: [String]) throws -> [String: String] {
        var names: [String: String] = [:]
        for id in ids { if let name = try organization(id: id)?.name { names[id] = name } }
        return names
    }

    public func organizationNamesGeneration() throws -> Int64? { nil }
}

/// Reads what boards need to know of subjects — where a member belongs, which partitions a
/// subject competes in, whether the filters let it in, what its total is divided by — from one
/// store snapshot, remembering organizations and tier ladders for the length of one catch-up.
struct LeaderboardDirectory {
    let store: any StoreReader
    private var organizations: [String: Organization?] = [:]
    private var memberCounts: [String: Int] = [:]
    private var ladders: [TierSubject: TierLadder?] = [:]

    init(store: any StoreReader) {
        self.store = store
    }

    /// The team subject id of a member's team: unambiguous, because organization ids cannot hold "/".
    static func teamSubject(organizationID: String, team: String) -> String { "\(organizationID)/\(team)" }

    static func splitTeam(_ subjectID: String) -> (organizationID: String, team: String)? {
        guard let slash = subjectID.firstIndex(of: "/") else { return nil }
        return (String(subjectID[..<slash]), String(subjectID[subjectID.index(after: slash)...]))
    }

    mutating func placement(of subjectID: String, on board: Leaderboard) throws -> LeaderboardPlacement {
        var member: Member?
        let organization: Organization?
        switch board.subject {
        case .member:
            member = try store.member(id: subjectID)
            guard let member else { return .unranked }
            organization = try self.organization(member.organizationID)
        case .team:
            guard let (organizationID, _) = Self.splitTeam(subjectID) else { return .unranked }
            organization = try self.organization(organizationID)
        case .organization:
            organization = try self.organization(subjectID)
        }
        guard let organization else { return .unranked }
        func values(_ field: LeaderboardPartition) throws -> [String] {
            try self.values(field, member: member, organization: organization, board: board)
        }
        let included = try board.filters.allSatisfy { filter in try values(filter.field).contains { filter.values.contains($0) } }
        let partitions = try board.partition.map { try values($0) } ?? [""]
        return LeaderboardPlacement(
            partitions: partitions, included: included,
            divisor: try divisor(subjectID, member: member, organization: organization, board: board), card: member.map(MemberCard.init))
    }

    private mutating func values(
        _ field: LeaderboardPartition, member: Member?, organization: Organization, board: Leaderboard
    ) throws -> [String] {
        switch field {
        case .tier:
            let holder: LedgerHolder = member.map { .member($0.id) } ?? .organization(organization.id)
            return [try tierLevel(of: holder)]
        case .segment:
            return organization.segments.isEmpty ? ["none"] : organization.segments
        case .role:
            return [member?.role ?? "none"]
        case .organizationKind:
            return [organization.kind]
        case .organizationSize:
            return [LeaderboardPartition.sizeBand(memberCount: try memberCount(organization.id))]
        }
    }

    /// The holder's level on the first ladder (by id) for its kind; "none" without a ladder.
    private mutating func tierLevel(of holder: LedgerHolder) throws -> String {
        let kind = TierSubject(holder)
        if ladders[kind] == nil { ladders[kind] = .some(try store.tierLadders(subject: kind).first) }
        guard let ladder = ladders[kind] ?? nil else { return "none" }
        return try store.tierState(holder: holder, ladderID: ladder.id)?.levelID ?? ladder.levels.first?.id ?? "none"
    }

    private mutating func divisor(
        _ subjectID: String, member: Member?, organization: Organization, board: Leaderboard
    ) throws -> Int64? {
        if let attribute = board.metric.targetAttribute {
            switch member?.attributes[attribute] {
            case .int(let target) where target > 0: return target
            case .double(let target) where target >= 1 && target < 1e15: return Int64(target)
            default: return nil
            }
        }
        guard board.metric.aggregate == .average else { return 1 }
        let count: Int
        if board.subject == .team, let (organizationID, team) = Self.splitTeam(subjectID) {
            count = try teamSize(organizationID: organizationID, team: team)
        } else {
            count = try memberCount(organization.id)
        }
        return count > 0 ? Int64(count) : nil
    }

    mutating func organization(_ id: String) throws -> Organization? {
        if let known = organizations[id] { return known }
        let found = try store.organization(id: id)
        organizations[id] = .some(found)
        return found
    }

    private mutating func memberCount(_ organizationID: String) throws -> Int {
        if let known = memberCounts[organizationID] { return known }
        let count = try store.memberCount(organizationID: organizationID)
        memberCounts[organizationID] = count
        return count
    }

    private func teamSize(organizationID: String, team: String) throws -> Int {
        try Page.all { try store.members(MemberFilter(organizationID: organizationID, team: team), page: $0) }.count
    }
}

/// Who a ranked subject is, as the viewer may see it, read once per subject and request.
struct LeaderboardSummaries {
    let board: Leaderboard
    let viewer: LeaderboardViewer
    let store: any StoreReader
    private var known: [String: JSONValue] = [:]

    /// `cards`: members as the board's index knows them, current as of `store`'s snapshot (the
    /// index catches up with it before a read); only others are read from the store.
    init(board: Leaderboard, viewer: LeaderboardViewer, store: any StoreReader, cards: [String: MemberCard] = [:]) {
        self.board = board
        self.viewer = viewer
        self.store = store
        guard board.subject == .member else { return }
        for (id, card) in cards { known[id] = member(card) }
    }

    /// Reads the members among `subjectIDs` at once, for the summaries that follow.
    mutating func prefetch(_ subjectIDs: [String]) throws {
        guard board.subject == .member else { return }
        let missing = subjectIDs.filter { known[$0] == nil }
        guard !missing.isEmpty else { return }
        for (id, card) in try store.memberCards(ids: missing) { known[id] = member(card) }
    }

    mutating func summary(of subjectID: String) throws -> JSONValue {
        if let summary = known[subjectID] { return summary }
        let summary = try read(subjectID)
        known[subjectID] = summary
        return summary
    }

    private func member(_ card: MemberCard) -> JSONValue {
        card.shown(to: viewer.principal, asMember: viewer.memberID)
    }

    private func read(_ subjectID: String) throws -> JSONValue {
        switch board.subject {
        case .member:
            guard let member = try store.memberCards(ids: [subjectID])[subjectID] else {
                return .object(JSONObject([("id", .string(subjectID))]))
            }
            return self.member(member)
        case .team:
            let (organizationID, team) = LeaderboardDirectory.splitTeam(subjectID) ?? (subjectID, "")
            return .object(JSONObject([
                ("id", .string(subjectID)), ("organization_id", .string(organizationID)), ("team", .string(team)),
                ("organization_name", try store.organization(id: organizationID).map { .string($0.name) } ?? .null),
            ]))
        case .organization:
            let organization = try store.organization(id: subjectID)
            return .object(JSONObject([
                ("id", .string(subjectID)), ("name", organization.map { .string($0.name) } ?? .null),
                ("kind", organization.map { .string($0.kind) } ?? .null),
            ]))
        }
    }

    /// A partner key asks about subjects of its own organization only; others are not found.
    static func requireVisible(_ subjectID: String, of board: Leaderboard, to principal: Principal, in store: any StoreReader) throws {
        guard principal.organizationID != nil else { return }
        let organizationID: String? = switch board.subject {
        case .member: try store.member(id: subjectID)?.organizationID
        case .team: LeaderboardDirectory.splitTeam(subjectID)?.organizationID
        case .organization: subjectID
        }
        guard let organizationID, principal.canSee(organizationID: organizationID) else {
            throw DomainError.notFound(kind: "\(board.subject.rawValue) on this board", id: subjectID)
        }
    }
}

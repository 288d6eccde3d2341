/// Folds ledger earnings and logged changes into boards: each posting or event adds to (or, when
/// reversed, takes from) the day total of the subject it belongs to on each board that counts it;
/// each change to a member, organization or tier moves the subjects it concerns between partitions.
struct LeaderboardFolder {
    var directory: LeaderboardDirectory
    let timeZone: ProgramTimeZone
    /// Where members belong, read once per fold.
    private var homes: [String: (organizationID: String, team: String?)?] = [:]

    init(directory: LeaderboardDirectory, timeZone: ProgramTimeZone) {
        self.directory = directory
        self.timeZone = timeZone
    }

    /// Folds the postings and changes after the cursors, to the end of the snapshot, into `only`
    /// (every board when nil); answers the new cursors.
    mutating func fold(
        _ boards: inout [LeaderboardBoardKey: LeaderboardBoardState], only: Set<LeaderboardBoardKey>?, postingsAfter: Int64, changesAfter: Int64
    ) throws -> (postings: Int64, changes: Int64) {
        (try foldEarnings(&boards, only: only, after: postingsAfter, through: .max),
         try foldChanges(&boards, only: only, after: changesAfter, through: .max))
    }

    /// Folds everything from the beginning up to the cursors the other boards have reached.
    mutating func fold(
        _ boards: inout [LeaderboardBoardKey: LeaderboardBoardState], only: Set<LeaderboardBoardKey>, postingsThrough: Int64, changesThrough: Int64
    ) throws {
        _ = try foldEarnings(&boards, only: only, after: 0, through: postingsThrough)
        _ = try foldChanges(&boards, only: only, after: 0, through: changesThrough)
    }

    private mutating func foldEarnings(
        _ boards: inout [LeaderboardBoardKey: LeaderboardBoardState], only: Set<LeaderboardBoardKey>?, after: Int64, through: Int64
    ) throws -> Int64 {
        // The ids are copied out first: iterating `boards.keys` while changing a board would keep
        // a second reference to every board's storage and copy its subjects on each change.
        let ids = boards.keys.filter { only?.contains($0) ?? true }
        var cursor = after
        while cursor < through {
            let page = try directory.store.earningChanges(after: cursor, limit: LeaderboardIndex.foldPageRows)
            for change in page.changes where change.postingID <= through {
                for id in ids {
                    try apply(change, to: &boards[id]!)
                }
            }
            guard let last = page.lastPostingID else { break }
            cursor = min(last, through)
            if page.reachedEnd { break }
        }
        return cursor
    }

    private mutating func foldChanges(
        _ boards: inout [LeaderboardBoardKey: LeaderboardBoardState], only: Set<LeaderboardBoardKey>?, after: Int64, through: Int64
    ) throws -> Int64 {
        let ids = boards.keys.filter { only?.contains($0) ?? true }
        var cursor = after
        while cursor < through {
            let page = try directory.store.changes(after: cursor, limit: LeaderboardIndex.foldPageRows)
            for change in page where change.seq <= through {
                if case .memberChanged(let id) = change.kind { homes[id] = nil }
                for id in ids {
                    try apply(change.kind, to: &boards[id]!)
                }
                cursor = change.seq
            }
            if page.count < LeaderboardIndex.foldPageRows || (page.last?.seq ?? .max) > through { break }
        }
        return cursor
    }

    private mutating func apply(_ change: EarningChange, to state: inout LeaderboardBoardState) throws {
        guard case .currency(let currency) = state.board.metric.source, currency == change.currency else { return }
        let subject: String?
        switch (state.board.subject, change.holder) {
        case (.member, .member(let id)):
            subject = id
        case (.team, .member(let id)):
            subject = try teamSubject(of: id, organizationID: change.eventOrganizationID)
        case (.organization, .member(let id)):
            subject = try change.eventOrganizationID ?? home(of: id)?.organizationID
        case (.organization, .organization(let id)):
            subject = id
        default:
            subject = nil
        }
        guard let subject else { return }
        try add(change.amount, to: subject, at: change.countsAt, on: &state)
    }

    private mutating func apply(_ change: LoggedChange.Kind, to state: inout LeaderboardBoardState) throws {
        switch change {
        case .eventRecorded(let event):
            try apply(event, sign: 1, to: &state)
        case .eventReversed(let event):
            try apply(event, sign: -1, to: &state)
        case .memberChanged(let id):
            try memberChanged(id, on: &state)
        case .organizationChanged(let id):
            try organizationChanged(id, on: &state)
        case .tierChanged(let holder):
            let uses = state.board.partition == .tier || state.board.filters.contains { $0.field == .tier }
            switch (holder, state.board.subject) {
            case (.member(let id), .member) where uses, (.organization(let id), .organization) where uses:
                try replace(id, on: &state)
            default:
                break
            }
        case .other:
            break
        }
    }

    private mutating func apply(_ event: LoggedEvent, sign: Int64, to state: inout LeaderboardBoardState) throws {
        let amount: Int64
        switch state.board.metric.source {
        case .eventCount(let type) where type == event.type:
            amount = 1
        case .propertySum(let type, let property) where type == event.type:
            switch event.properties[property] {
            case .int(let value): amount = value
            case .double(let value) where abs(value) < 1e15: amount = Int64(value.rounded(.down))
            default: return
            }
        default:
            return
        }
        let subject: String?
        switch state.board.subject {
        case .member:
            subject = event.memberID
        case .team:
            subject = try event.memberID.flatMap { try teamSubject(of: $0, organizationID: event.organizationID) }
        case .organization:
            subject = try event.organizationID ?? event.memberID.flatMap { try home(of: $0)?.organizationID }
        }
        guard let subject else { return }
        try add(sign * amount, to: subject, at: event.occurredAt, on: &state)
    }

    private mutating func add(_ amount: Int64, to subject: String, at: Timestamp, on state: inout LeaderboardBoardState) throws {
        let board = state.board
        try state.add(amount, to: subject, day: timeZone.localDay(of: at), atMs: at.millisecondsSinceEpoch) {
            try directory.placement(of: subject, on: board)
        }
    }

    /// A member joined, left, moved or changed role, team or attributes: its own place, and the
    /// member counts (averages, size bands) of its organization and team.
    private mutating func memberChanged(_ id: String, on state: inout LeaderboardBoardState) throws {
        switch state.board.subject {
        case .member:
            try replace(id, on: &state)
            if state.board.uses(.organizationSize), let organizationID = try home(of: id)?.organizationID {
                try organizationChanged(organizationID, on: &state)
            }
        case .team, .organization:
            guard let organizationID = try home(of: id)?.organizationID else { return }
            try organizationChanged(organizationID, on: &state)
        }
    }

    /// The organization itself, its teams, and — when the board partitions or filters members by
    /// an organization's field — its members.
    private mutating func organizationChanged(_ id: String, on state: inout LeaderboardBoardState) throws {
        switch state.board.subject {
        case .organization:
            try replace(id, on: &state)
        case .team:
            for subject in state.subjects.keys where LeaderboardDirectory.splitTeam(subject)?.organizationID == id {
                try replace(subject, on: &state)
            }
        case .member:
            guard state.board.uses(.segment) || state.board.uses(.organizationKind) || state.board.uses(.organizationSize) else { return }
            let store = directory.store
            for member in try Page.all({ try store.members(MemberFilter(organizationID: id), page: $0) }) where state.subjects[member.id] != nil {
                try replace(member.id, on: &state)
            }
        }
    }

    private mutating func replace(_ subject: String, on state: inout LeaderboardBoardState) throws {
        guard state.subjects[subject] != nil else { return }
        state.replace(placement: try directory.placement(of: subject, on: state.board), of: subject)
    }

    private mutating func teamSubject(of memberID: String, organizationID: String?) throws -> String? {
        guard let home = try home(of: memberID), let team = home.team else { return nil }
        return LeaderboardDirectory.teamSubject(organizationID: organizationID ?? home.organizationID, team: team)
    }

    private mutating func home(of memberID: String) throws -> (organizationID: String, team: String?)? {
        if let known = homes[memberID] { return known }
        let found = try directory.store.member(id: memberID).map { ($0.organizationID, $0.team) }
        homes[memberID] = .some(found)
        return found
    }
}

extension Leaderboard {
    func uses(_ field: LeaderboardPartition) -> Bool {
        partition == field || filters.contains { $0.field == field }
    }
}

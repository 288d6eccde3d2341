/// Who reads a board, and for whom: members who keep their profile private are ranked but shown
/// by name only to admin keys, to keys of their own organization, and to themselves (`memberID`,
/// the member a portal shows the board to).
public struct LeaderboardViewer: Sendable {
    public var principal: Principal
    public var memberID: String?

    public init(principal: Principal, memberID: String? = nil) {
        self.principal = principal
        self.memberID = memberID
    }
}

/// A page of a board: the fields that describe it, and its ranked entries.
public struct LeaderboardPage: Sendable {
    public var fields: [(String, JSONValue)]
    public var items: [JSONValue]
    /// The listing position to continue from, for the next page's cursor.
    public var nextAfter: String?
}

/// Reads of a board: a page of the ranking, one subject with its neighbours, closed periods.
/// Each read takes what it needs from the ranked sets in one pass under the index's lock, and
/// reads who the subjects are from the store afterwards.
public struct LeaderboardStandings {
    public static let radiusMax = 50
    public static let periodsMax = 24
    /// Winners shown per closed period and partition.
    public static let winnersPerPeriod = 3

    let id: String
    let index: LeaderboardIndex
    let now: Timestamp
    let timeZone: ProgramTimeZone
    let store: any StoreReader
    let viewer: LeaderboardViewer

    /// The board named `id`, read at `now` with `store`'s snapshot; each read answers 404 when
    /// there is no such board.
    public init(
        _ id: String, index: LeaderboardIndex, now: Timestamp, timeZone: ProgramTimeZone, viewer: LeaderboardViewer,
        in store: any StoreReader
    ) {
        self.id = id
        self.index = index
        self.now = now
        self.timeZone = timeZone
        self.viewer = viewer
        self.store = store
    }

    /// What a read took from a ranked set: entries with their ranks, and the set's size.
    private struct Slice {
        var board: Leaderboard
        var period: LeaderboardPeriodKey
        var partition: String?
        var partitions: [String]
        var total: Int
        var entries: [(RankedEntry, rank: Int)] = []
        var position: Int?
        var gap: Int64?
        /// Who the entries' members are, as the board knows them.
        var cards: [String: MemberCard] = [:]
    }

    /// Ranked entries from `page.after` (a listing position), with rank, score and who.
    public func page(period periodName: String?, partition: String?, page: PageRequest) throws -> LeaderboardPage {
        let start = Int(try page.afterInteger(minimum: 0, of: "this board") ?? 0)
        let slice = try slice(periodName, partition: { _ in partition }) { set, slice in
            slice.entries = set.entries(from: start, count: page.limit).map { ($0, set.rank(forScore: $0.score)) }
        }
        var summaries = LeaderboardSummaries(board: slice.board, viewer: viewer, store: store, cards: slice.cards)
        try summaries.prefetch(slice.entries.map(\.0.subjectID))
        let items = try slice.entries.map { try item($0.0, rank: $0.rank, board: slice.board, summaries: &summaries) }
        let end = start + slice.entries.count
        return LeaderboardPage(
            fields: header(slice), items: items, nextAfter: end < slice.total && !slice.entries.isEmpty ? String(end) : nil)
    }

    /// The subject's rank and score, the gap to the next rank up, and `radius` entries either side.
    public func subject(_ subjectID: String, radius: Int, period periodName: String?, partition: String?) throws -> JSONValue {
        let slice = try slice(periodName, partition: { state in
            guard state.board.partition != nil else { return partition }
            if let partition { return partition }
            // Its own partition; for a subject with nothing counted yet, where it would compete.
            if let known = state.placement(of: subjectID) { return known.partitions.first ?? "none" }
            var directory = LeaderboardDirectory(store: store)
            return try directory.placement(of: subjectID, on: state.board).partitions.first ?? "none"
        }) { set, slice in
            guard let position = set.position(of: subjectID) else { return }
            let first = max(0, position - radius)
            slice.entries = set.entries(from: first, count: position - first + 1 + radius).map { ($0, set.rank(forScore: $0.score)) }
            slice.position = position - first
            let own = slice.entries[position - first]
            // The lowest score above the subject's: what it takes to move up one rank.
            slice.gap = own.rank == 1 ? nil : set.entries(from: own.rank - 2, count: 1).first.map { $0.score - own.0.score }
        }
        try LeaderboardSummaries.requireVisible(subjectID, of: slice.board, to: viewer.principal, in: store)
        var summaries = LeaderboardSummaries(board: slice.board, viewer: viewer, store: store, cards: slice.cards)
        try summaries.prefetch([subjectID] + slice.entries.map(\.0.subjectID))
        var fields = header(slice) + [("subject", try summaries.summary(of: subjectID))]
        guard let position = slice.position else {
            fields += [("ranked", .bool(false)), ("rank", .null), ("score", .null), ("gap_to_next_rank", .null),
                       ("above", .array([])), ("below", .array([]))]
            return .object(JSONObject(fields))
        }
        let (own, rank) = slice.entries[position]
        let items = try slice.entries.map { try item($0.0, rank: $0.rank, board: slice.board, summaries: &summaries) }
        fields += [
            ("ranked", .bool(true)), ("rank", .int(Int64(rank))), ("score", slice.board.metric.json(score: own.score)),
            ("gap_to_next_rank", slice.gap.map { slice.board.metric.json(score: $0) } ?? .null),
            ("above", .array(Array(items[..<position]))), ("below", .array(Array(items[(position + 1)...]))),
        ]
        return .object(JSONObject(fields))
    }

    /// Closed periods, newest first, with the top entries of each partition.
    public func closedPeriods(count: Int) throws -> JSONValue {
        let (board, periods) = try index.withCurrentBoards(in: store, now: now, timeZone: timeZone) { boards in
            guard let state = boards[.leaderboard(id)] else { throw DomainError.notFound(kind: Leaderboard.kind, id: id) }
            return (state.board, state.closedPeriods(count: count).map { ($0, state.top(Self.winnersPerPeriod, in: $0)) })
        }
        var summaries = LeaderboardSummaries(board: board, viewer: viewer, store: store)
        let closings = Dictionary(
            try store.leaderboardClosings(boardID: id, limit: Self.periodsMax).map { ($0.period, $0.closedAt) }, uniquingKeysWith: { a, _ in a })
        let items = try periods.map { period, partitions -> JSONValue in
            let listed = try partitions.keys.sorted().map { name -> JSONValue in
                let (winners, total) = partitions[name]!
                return .object(JSONObject([
                    ("partition", board.partition == nil ? .null : .string(name)), ("total", .int(Int64(total))),
                    ("winners", .array(try winners.map { try item($0.0, rank: $0.rank, board: board, summaries: &summaries) })),
                ]))
            }
            return .object(JSONObject(periodFields(period, board: board) + [
                ("prizes_given_at", closings[period.name].map { .string($0.rfc3339) } ?? .null), ("partitions", .array(listed)),
            ]))
        }
        return .object(JSONObject([("leaderboard_id", .string(id)), ("items", .array(items))]))
    }

    /// Brings the boards up to date and lets `take` read the ranked set of the period and
    /// partition asked for (the partition chosen by `partition` from the board's state).
    private func slice(
        _ periodName: String?, partition: (LeaderboardBoardState) throws -> String?, take: (RankedSet, inout Slice) -> Void
    ) throws -> Slice {
        try index.withCurrentBoards(in: store, now: now, timeZone: timeZone) { boards in
            let key = LeaderboardBoardKey.leaderboard(id)
            guard boards[key] != nil else { throw DomainError.notFound(kind: Leaderboard.kind, id: id) }
            let board = boards[key]!.board
            var period = boards[key]!.current
            if let periodName, periodName != "current" {
                guard let key = LeaderboardPeriodKey.parse(periodName, kind: board.period) else {
                    throw DomainError.invalid([ValidationError(path: "query.period", message: Self.periodHint(board.period))])
                }
                period = key
            }
            let chosen = try partition(boards[key]!)
            if let by = board.partition, chosen == nil {
                throw DomainError.invalid([ValidationError(path: "query.partition", message: "this board is partitioned by \(by.rawValue): name a partition")])
            }
            if board.partition == nil, chosen != nil {
                throw DomainError.invalid([ValidationError(path: "query.partition", message: "this board is not partitioned")])
            }
            let sets = boards[key]!.sets(in: period)
            let set = sets[chosen ?? ""] ?? RankedSet()
            var slice = Slice(
                board: board, period: period, partition: chosen, partitions: sets.keys.filter { !$0.isEmpty }.sorted(), total: set.count)
            take(set, &slice)
            for (entry, _) in slice.entries {
                if let card = boards[key]!.placement(of: entry.subjectID)?.card { slice.cards[entry.subjectID] = card }
            }
            return slice
        }
    }

    private func header(_ slice: Slice) -> [(String, JSONValue)] {
        [("leaderboard", slice.board.json)] + periodFields(slice.period, board: slice.board)
            + [("partition", slice.partition.map(JSONValue.string) ?? .null),
               ("partitions", .array(slice.partitions.map(JSONValue.string))), ("total", .int(Int64(slice.total)))]
    }

    private func periodFields(_ period: LeaderboardPeriodKey, board: Leaderboard) -> [(String, JSONValue)] {
        let isAll = board.period == .all
        return [("period", .object(JSONObject([
            ("name", .string(period.name)),
            ("from", isAll ? .null : .string(timeZone.startOfLocalDay(period.firstDay).rfc3339)),
            ("until", isAll ? .null : .string(timeZone.startOfLocalDay(period.lastDay + 1).rfc3339)),
        ])))]
    }

    private func item(_ entry: RankedEntry, rank: Int, board: Leaderboard, summaries: inout LeaderboardSummaries) throws -> JSONValue {
        .object(JSONObject([
            ("rank", .int(Int64(rank))),
            ("score", board.metric.json(score: entry.score)),
            ("subject", try summaries.summary(of: entry.subjectID)),
            ("reached_at", .string(Timestamp(millisecondsSinceEpoch: entry.reachedAt).rfc3339)),
        ]))
    }

    static func periodHint(_ kind: CounterPeriod) -> String {
        let example = switch kind {
        case .day: "2026-11-23"
        case .week: "2026-W47"
        case .month: "2026-11"
        case .quarter: "2026-Q4"
        case .year: "2026"
        case .all: "all"
        case .rolling7Days, .rolling30Days: "current"
        }
        return kind == .rolling7Days || kind == .rolling30Days
            ? "a rolling board has only the current period"
            : "must be current or a \(kind.rawValue) such as \(example)"
    }
}

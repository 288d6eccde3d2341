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
public struct LeaderboardStandings {
    public static let radiusMax = 50
    public static let periodsMax = 24
    /// Winners shown per closed period and partition.
    public static let winnersPerPeriod = 3

    let board: Leaderboard
    let index: LeaderboardIndex
    let now: Timestamp
    let timeZone: ProgramTimeZone
    let store: any StoreReader
    let viewer: LeaderboardViewer

    /// The board named `id` (404 otherwise), read at `now` with `store`'s snapshot.
    public init(
        _ id: String, index: LeaderboardIndex, now: Timestamp, timeZone: ProgramTimeZone, viewer: LeaderboardViewer,
        in store: any StoreReader
    ) throws {
        self.board = try LeaderboardCommands.get(id, in: store)
        self.index = index
        self.now = now
        self.timeZone = timeZone
        self.viewer = viewer
        self.store = store
    }

    /// Ranked entries from `page.after` (a listing position), with rank, score and who.
    public func page(period periodName: String?, partition: String?, page: PageRequest) throws -> LeaderboardPage {
        let start = try page.after.map { after -> Int in
            guard let position = Int(after), position >= 0 else { throw DomainError.invalid([ValidationError(path: "query.cursor", message: "not a cursor of this board")]) }
            return position
        } ?? 0
        let (period, partitionName, set, partitions) = try ranking(periodName, partition: partition)
        let entries = set.entries(from: start, count: page.limit)
        var summaries = LeaderboardSummaries(board: board, viewer: viewer, store: store)
        let items = try entries.map { try item($0, rank: set.rank(forScore: $0.score), summaries: &summaries) }
        let next = start + entries.count < set.count && !entries.isEmpty ? String(start + entries.count) : nil
        return LeaderboardPage(fields: header(period, partitionName, partitions: partitions, count: set.count), items: items, nextAfter: next)
    }

    /// The subject's rank and score, the gap to the next rank up, and `radius` entries either side.
    public func subject(_ subjectID: String, radius: Int, period periodName: String?, partition: String?) throws -> JSONValue {
        try LeaderboardSummaries.requireVisible(subjectID, of: board, to: viewer.principal, in: store)
        let own = try partition ?? ownPartition(of: subjectID)
        let (period, partitionName, set, partitions) = try ranking(periodName, partition: own)
        var summaries = LeaderboardSummaries(board: board, viewer: viewer, store: store)
        var fields = header(period, partitionName, partitions: partitions, count: set.count)
        guard let position = set.position(of: subjectID), let entry = set.entries(from: position, count: 1).first else {
            fields += [("subject", try summaries.summary(of: subjectID)), ("ranked", .bool(false)), ("rank", .null), ("score", .null),
                       ("gap_to_next_rank", .null), ("above", .array([])), ("below", .array([]))]
            return .object(JSONObject(fields))
        }
        let rank = set.rank(forScore: entry.score)
        // The lowest score above this subject's: what it takes to move up one rank.
        let gap: JSONValue = rank == 1 ? .null : set.entries(from: rank - 2, count: 1).first.map {
            board.metric.json(score: $0.score - entry.score)
        } ?? .null
        let above = set.entries(from: max(0, position - radius), count: min(radius, position))
        let below = set.entries(from: position + 1, count: radius)
        fields += [
            ("subject", try summaries.summary(of: subjectID)), ("ranked", .bool(true)), ("rank", .int(Int64(rank))),
            ("score", board.metric.json(score: entry.score)), ("gap_to_next_rank", gap),
            ("above", .array(try above.map { try item($0, rank: set.rank(forScore: $0.score), summaries: &summaries) })),
            ("below", .array(try below.map { try item($0, rank: set.rank(forScore: $0.score), summaries: &summaries) })),
        ]
        return .object(JSONObject(fields))
    }

    /// Closed periods, newest first, with the top entries of each partition.
    public func closedPeriods(count: Int) throws -> JSONValue {
        let board = self.board
        let ranked = try index.withCurrentBoards(in: store, now: now, timeZone: timeZone) { boards -> [(LeaderboardPeriodKey, [String: RankedSet])] in
            guard let state = boards[board.id] else { return [] }
            return state.closedPeriods(count: count).map { ($0, state.sets(in: $0)) }
        }
        var summaries = LeaderboardSummaries(board: board, viewer: viewer, store: store)
        let items = try ranked.map { period, sets -> JSONValue in
            let partitions = try sets.keys.sorted().map { name -> JSONValue in
                let set = sets[name]!
                let winners = try set.entries(from: 0, count: Self.winnersPerPeriod).map {
                    try item($0, rank: set.rank(forScore: $0.score), summaries: &summaries)
                }
                return .object(JSONObject([("partition", board.partition == nil ? .null : .string(name)),
                                           ("ranked", .int(Int64(set.count))), ("winners", .array(winners))]))
            }
            return .object(JSONObject(periodFields(period) + [("partitions", .array(partitions))]))
        }
        return .object(JSONObject([("leaderboard_id", .string(board.id)), ("items", .array(items))]))
    }

    /// The ranked set of a period and partition, with the period and every partition that has entries.
    private func ranking(
        _ periodName: String?, partition: String?
    ) throws -> (LeaderboardPeriodKey, String?, RankedSet, [String]) {
        let board = self.board
        let requested = try periodName.flatMap { name -> LeaderboardPeriodKey? in
            if name == "current" { return nil }
            guard let key = LeaderboardPeriodKey.parse(name, kind: board.period) else {
                throw DomainError.invalid([ValidationError(path: "query.period", message: Self.periodHint(board.period))])
            }
            return key
        }
        if board.partition != nil, partition == nil {
            throw DomainError.invalid([ValidationError(
                path: "query.partition", message: "this board is partitioned by \(board.partition!.rawValue): name a partition")])
        }
        if board.partition == nil, partition != nil {
            throw DomainError.invalid([ValidationError(path: "query.partition", message: "this board is not partitioned")])
        }
        return try index.withCurrentBoards(in: store, now: now, timeZone: timeZone) { boards in
            guard let state = boards[board.id] else { throw DomainError.notFound(kind: Leaderboard.kind, id: board.id) }
            let period = requested ?? state.current
            let sets = state.sets(in: period)
            return (period, partition, sets[partition ?? ""] ?? RankedSet(), sets.keys.filter { !$0.isEmpty }.sorted())
        }
    }

    private func ownPartition(of subjectID: String) throws -> String? {
        guard board.partition != nil else { return nil }
        let board = self.board
        let known = try index.withCurrentBoards(in: store, now: now, timeZone: timeZone) { boards in
            boards[board.id]?.placement(of: subjectID)?.partitions.first
        }
        if let known { return known }
        var directory = LeaderboardDirectory(store: store)
        return try directory.placement(of: subjectID, on: board).partitions.first ?? "none"
    }

    private func header(_ period: LeaderboardPeriodKey, _ partition: String?, partitions: [String], count: Int) -> [(String, JSONValue)] {
        [("leaderboard", board.json)] + periodFields(period)
            + [("partition", partition.map(JSONValue.string) ?? .null), ("partitions", .array(partitions.map(JSONValue.string))),
               ("total", .int(Int64(count)))]
    }

    private func periodFields(_ period: LeaderboardPeriodKey) -> [(String, JSONValue)] {
        let isAll = board.period == .all
        return [("period", .object(JSONObject([
            ("name", .string(period.name)),
            ("from", isAll ? .null : .string(timeZone.startOfLocalDay(period.firstDay).rfc3339)),
            ("until", isAll ? .null : .string(timeZone.startOfLocalDay(period.lastDay + 1).rfc3339)),
        ])))]
    }

    private func item(_ entry: RankedEntry, rank: Int, summaries: inout LeaderboardSummaries) throws -> JSONValue {
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

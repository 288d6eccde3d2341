/// Closing the periods of boards with prizes: once a calendar period is over, the subjects ranked
/// high enough in each partition get the board's prizes, exactly once — the closing is recorded in
/// the same transaction as the prizes, under a key of board and period. A period is closed at the
/// first pass after it ends (events backdated into it later change its ranking, not its prizes),
/// and only when the board existed before it ended.
public enum LeaderboardClosings {
    /// Periods to close now, with their winners, read from the boards as they stand.
    public static func due(
        index: LeaderboardIndex, now: Timestamp, timeZone: ProgramTimeZone, in store: any StoreReader
    ) throws -> [LeaderboardClosing] {
        try index.withCurrentBoards(in: store, now: now, timeZone: timeZone) { boards in
            var due: [LeaderboardClosing] = []
            for case .leaderboard(let id) in Array(boards.keys).sorted() {
                let key = LeaderboardBoardKey.leaderboard(id)
                let board = boards[key]!.board
                guard let top = board.prizes.map(\.top).max(),
                      let period = boards[key]!.current.previous(kind: board.period),
                      period.lastDay >= timeZone.localDay(of: board.createdAt),
                      try store.leaderboardClosing(boardID: id, period: period.name) == nil else { continue }
                var winners: [LeaderboardClosing.Winner] = []
                for (partition, set) in boards[key]!.sets(in: period).sorted(by: { $0.key < $1.key }) {
                    for entry in set.entries(from: 0, count: top + Self.tiesMax) {
                        let rank = set.rank(forScore: entry.score)
                        guard rank <= top else { break }
                        winners.append(.init(partition: board.partition == nil ? nil : partition, subjectID: entry.subjectID, rank: rank, score: entry.score))
                    }
                }
                due.append(LeaderboardClosing(boardID: id, period: period.name, closedAt: now, winners: winners))
            }
            return due
        }
    }

    /// Entries tied at the last prized rank that still get the prize.
    static let tiesMax = 100

    /// Records the closing and gives the prizes; nothing when the period was closed already, or
    /// the board is gone. Answers the closing when it happened now.
    public static func close(_ closing: LeaderboardClosing, context: ChangeContext, in store: any StoreWriter) throws -> LeaderboardClosing? {
        guard let board = try store.leaderboard(id: closing.boardID), try store.insert(closing) else { return nil }
        let eventID = "leaderboard:\(board.id):\(closing.period)"
        for winner in closing.winners {
            let holder: LedgerHolder = board.subject == .organization ? .organization(winner.subjectID) : .member(winner.subjectID)
            for prize in board.prizes where winner.rank <= prize.top {
                try RewardGrant.give(
                    badge: prize.badge, award: prize.award, to: holder, occasion: eventID, by: "leaderboard:\(board.id)",
                    reason: "rank \(winner.rank) on leaderboard \(board.id), \(closing.period)", at: closing.closedAt, in: store)
            }
        }
        try store.append(context.audit("leaderboard.close", Leaderboard.kind, board.id, before: nil, after: closing.json))
        return closing
    }
}

extension LeaderboardClosing {
    public var json: JSONValue {
        .object(JSONObject([
            ("leaderboard_id", .string(boardID)), ("period", .string(period)), ("closed_at", .string(closedAt.rfc3339)),
            ("winners", .array(winners.map { winner in
                .object(JSONObject([
                    ("partition", winner.partition.map(JSONValue.string) ?? .null), ("subject_id", .string(winner.subjectID)),
                    ("rank", .int(Int64(winner.rank))), ("score", .int(winner.score)),
                ]))
            })),
        ]))
    }
}

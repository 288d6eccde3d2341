import Synchronization

/// Every leaderboard, in memory, folded from the ledger's postings and the change log (both grow
/// in commit order) and brought up to date with a store snapshot before each read, so that a read
/// sees every write answered before it. Nothing here is stored: at start, or for a board that is
/// new or changed, the fold begins at the first posting — the same computation as a rebuild.
///
/// A read folds what is new itself when that is small; a fold of more than `readFoldRowsMax`
/// rows (a board created over a large ledger, the first ranking after a start) is left to the
/// background refresher, and reads meanwhile answer 503 with Retry-After instead of holding an
/// event loop for the seconds it takes.
public final class LeaderboardIndex: Sendable {
    struct State: Sendable {
        var generation: Int64?
        var boards: [LeaderboardBoardKey: LeaderboardBoardState] = [:]
        /// The last posting id and change-log seq folded into every board.
        var postingCursor: Int64 = 0
        var changeCursor: Int64 = 0
    }

    /// Rows read from the store per query while folding.
    static let foldPageRows = 5_000
    /// The most postings and changes a read folds itself, by default (a few hundred milliseconds).
    public static let readFoldRowsMaxDefault: Int64 = 50_000
    public let readFoldRowsMax: Int64

    private let state = Mutex<State>(State())
    /// Set while the refresher folds more than a read would: reads then answer 503 at once.
    private let building = Mutex(false)

    public init(readFoldRowsMax: Int64 = LeaderboardIndex.readFoldRowsMaxDefault) {
        self.readFoldRowsMax = readFoldRowsMax
    }

    /// Folds what `store` shows that the boards have not seen, moves each board to the period of
    /// `now`, then runs `body` on the boards, all under one lock.
    func withCurrentBoards<T: Sendable>(
        in store: any StoreReader, now: Timestamp, timeZone: ProgramTimeZone,
        _ body: (inout [LeaderboardBoardKey: LeaderboardBoardState]) throws -> T
    ) throws -> T {
        if building.withLock({ $0 }) { throw Self.busy }
        let today = timeZone.localDay(of: now)
        return try state.withLock { state throws -> T in
            try Self.catchUp(&state, store: store, today: today, timeZone: timeZone, foldRowsMax: readFoldRowsMax)
            return try body(&state.boards)
        }
    }

    static let busy = DomainError.unavailable("the leaderboards are being ranked from the ledger; retry shortly", retryAfterSeconds: 2)

    /// Folds what is new, so that reads find little to do; answers how many boards and subjects there are.
    @discardableResult
    public func refresh(in store: any StoreReader, now: Timestamp, timeZone: ProgramTimeZone) throws -> (boards: Int, subjects: Int) {
        let today = timeZone.localDay(of: now)
        return try state.withLock { state throws -> (Int, Int) in
            do {
                try Self.catchUp(&state, store: store, today: today, timeZone: timeZone, foldRowsMax: readFoldRowsMax)
            } catch DomainError.unavailable {
                // A large fold: reads answer 503 until it is done, instead of queueing on the lock.
                building.withLock { $0 = true }
                defer { building.withLock { $0 = false } }
                try Self.catchUp(&state, store: store, today: today, timeZone: timeZone, foldRowsMax: .max)
            }
            return (state.boards.count, state.boards.values.reduce(0) { $0 + $1.subjectCount })
        }
    }

    /// Forgets every board, so that the next read folds them all again from the first posting.
    public func reset() {
        state.withLock { $0 = State() }
    }

    private static func catchUp(
        _ state: inout State, store: any StoreReader, today: Int64, timeZone: ProgramTimeZone, foldRowsMax: Int64
    ) throws {
        let position = try store.leaderboardFeedPosition()
        let moved = position.generation != state.generation || position.lastPostingID > state.postingCursor
            || position.lastChangeSeq > state.changeCursor
        // Rows to fold: everything for new boards (unknown until the definitions are read, so any
        // change of them counts as the whole feed), else what came since the cursors.
        let rows = position.generation != state.generation
            ? position.lastPostingID + position.lastChangeSeq
            : position.lastPostingID - state.postingCursor + position.lastChangeSeq - state.changeCursor
        if moved, rows > foldRowsMax { throw busy }
        if moved {
            var folder = LeaderboardFolder(directory: LeaderboardDirectory(store: store), timeZone: timeZone)
            if position.generation != state.generation {
                let fresh = try reload(&state, store: store, today: today)
                if !fresh.isEmpty {
                    try folder.fold(&state.boards, only: fresh, postingsThrough: state.postingCursor, changesThrough: state.changeCursor)
                }
                state.generation = position.generation
            }
            if !state.boards.isEmpty {
                _ = try folder.fold(&state.boards, only: nil, postingsAfter: state.postingCursor, changesAfter: state.changeCursor)
                // Everything up to the position was in this snapshot and has been read, even the
                // postings that change no earnings.
                state.postingCursor = position.lastPostingID
                state.changeCursor = position.lastChangeSeq
            }
        }
        for id in Array(state.boards.keys) { state.boards[id]!.roll(to: today) }
    }

    /// Loads the definitions; keeps the boards whose definition is unchanged and answers the ids
    /// of the new or changed ones, which start empty and must be folded from the beginning.
    private static func reload(_ state: inout State, store: any StoreReader, today: Int64) throws -> Set<LeaderboardBoardKey> {
        var boards: [LeaderboardBoardKey: LeaderboardBoardState] = [:]
        var fresh: Set<LeaderboardBoardKey> = []
        // Goals keep their totals the same way, as boards of their own kind.
        let wanted = try Page.all(store.leaderboards(page:)).map { (LeaderboardBoardKey.leaderboard($0.id), $0) }
            + Page.all(store.goals(page:)).map { ($0.boardKey, $0.board) }
        for (key, board) in wanted {
            if var kept = state.boards[key], kept.board.sameRanking(as: board) {
                kept.board = board
                boards[key] = kept
            } else {
                boards[key] = LeaderboardBoardState(board: board, today: today, tracksTouched: key.isGoal)
                fresh.insert(key)
            }
        }
        state.boards = boards
        return fresh
    }
}

/// A board kept in memory: a leaderboard, or the totals of a goal, folded the same way.
public enum LeaderboardBoardKey: Hashable, Comparable, Sendable {
    case leaderboard(String)
    case goal(String)

    var isGoal: Bool {
        if case .goal = self { true } else { false }
    }
}

extension Leaderboard {
    /// Whether two definitions rank the same way (names and descriptions aside).
    func sameRanking(as other: Leaderboard) -> Bool {
        subject == other.subject && metric == other.metric && period == other.period && partition == other.partition
            && filters == other.filters
    }
}

public protocol LeaderboardReader {
    func leaderboard(id: String) throws -> Leaderboard?
    /// Ordered by id.
    func leaderboards(page: PageRequest) throws -> Page<Leaderboard>
    /// The generation of leaderboards and goals (it changes whenever one is saved or deleted),
    /// the last posting id and the last change-log seq, in one read: when none moved since the
    /// boards were folded there is nothing to fold.
    func leaderboardFeedPosition() throws -> LeaderboardFeedPosition
    /// Among the next `limit` postings with id > `after` (earn, adjust and reverse ones), those
    /// that change what a holder earned, by id.
    func earningChanges(after: Int64, limit: Int) throws -> EarningChangePage
    /// The change log after `after`, by sequence, at most `limit`.
    func changes(after: Int64, limit: Int) throws -> [LoggedChange]
    func leaderboardClosing(boardID: String, period: String) throws -> LeaderboardClosing?
    /// The board's closed periods, most recently closed first, at most `limit`.
    func leaderboardClosings(boardID: String, limit: Int) throws -> [LeaderboardClosing]
}

public protocol LeaderboardWriter: LeaderboardReader {
    /// Inserts or replaces by id.
    func save(_ leaderboard: Leaderboard) throws
    func deleteLeaderboard(id: String) throws
    /// Records a closed period; false (and nothing written) when it was closed already.
    func insert(_ closing: LeaderboardClosing) throws -> Bool
}

/// A period of a board with prizes, closed: who was ranked high enough for one, and when.
public struct LeaderboardClosing: Sendable, Equatable {
    public struct Winner: Sendable, Equatable {
        public var partition: String?
        public var subjectID: String
        public var rank: Int
        public var score: Int64

        public init(partition: String?, subjectID: String, rank: Int, score: Int64) {
            self.partition = partition
            self.subjectID = subjectID
            self.rank = rank
            self.score = score
        }
    }

    public var boardID: String
    public var period: String
    public var closedAt: Timestamp
    public var winners: [Winner]

    public init(boardID: String, period: String, closedAt: Timestamp, winners: [Winner]) {
        self.boardID = boardID
        self.period = period
        self.closedAt = closedAt
        self.winners = winners
    }
}

public struct EarningChangePage: Sendable, Equatable {
    public var changes: [EarningChange]
    /// The last posting id read (nil when none was), and whether the read reached the end.
    public var lastPostingID: Int64?
    public var reachedEnd: Bool

    public init(changes: [EarningChange], lastPostingID: Int64?, reachedEnd: Bool) {
        self.changes = changes
        self.lastPostingID = lastPostingID
        self.reachedEnd = reachedEnd
    }
}

public struct LeaderboardFeedPosition: Sendable, Equatable {
    public var generation: Int64
    public var lastPostingID: Int64
    public var lastChangeSeq: Int64

    public init(generation: Int64, lastPostingID: Int64, lastChangeSeq: Int64) {
        self.generation = generation
        self.lastPostingID = lastPostingID
        self.lastChangeSeq = lastChangeSeq
    }
}

/// A change to what a holder earned in a currency, as the ledger recorded it: an `earn` or credit
/// `adjust` adds; a debit `adjust` or the `reverse` of an earning takes away. `day` is when the
/// earning counts: its own time, or for a reversal the time of the posting it reverses, so that
/// cancelling an old deal lowers the period the deal raised.
public struct EarningChange: Sendable, Equatable {
    public var postingID: Int64
    public var holder: LedgerHolder
    public var currency: String
    public var amount: Int64
    public var countsAt: Timestamp
    /// The organization of the event that caused the earning, when one did: an organization board
    /// credits a member's earning to the organization it was earned in, even after a move.
    public var eventOrganizationID: String?

    public init(postingID: Int64, holder: LedgerHolder, currency: String, amount: Int64, countsAt: Timestamp, eventOrganizationID: String? = nil) {
        self.postingID = postingID
        self.holder = holder
        self.currency = currency
        self.amount = amount
        self.countsAt = countsAt
        self.eventOrganizationID = eventOrganizationID
    }
}

/// One entry of the change log (Migrations/0017): what changed, in commit order.
public struct LoggedChange: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case eventRecorded(LoggedEvent)
        case eventReversed(LoggedEvent)
        case memberChanged(String)
        case organizationChanged(String)
        case tierChanged(LedgerHolder)
        /// A kind this version does not read, or an event since deleted.
        case other
    }

    public var seq: Int64
    public var kind: Kind

    public init(seq: Int64, kind: Kind) {
        self.seq = seq
        self.kind = kind
    }
}

/// The facts of a logged event that boards count.
public struct LoggedEvent: Sendable, Equatable {
    public var id: String
    public var type: String
    public var memberID: String?
    public var organizationID: String?
    public var occurredAt: Timestamp
    public var properties: JSONObject

    public init(id: String, type: String, memberID: String?, organizationID: String?, occurredAt: Timestamp, properties: JSONObject) {
        self.id = id
        self.type = type
        self.memberID = memberID
        self.organizationID = organizationID
        self.occurredAt = occurredAt
        self.properties = properties
    }
}

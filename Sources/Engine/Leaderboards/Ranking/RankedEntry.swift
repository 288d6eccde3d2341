/// One subject's place on a board.
public struct RankedEntry: Sendable, Hashable {
    public var subjectID: String
    public var score: Int64
    /// When the subject reached this score (any monotonic integer clock, e.g. ms since epoch): earlier is listed first in a tie.
    public var reachedAt: Int64

    public init(subjectID: String, score: Int64, reachedAt: Int64) {
        self.subjectID = subjectID
        self.score = score
        self.reachedAt = reachedAt
    }
}

extension RankedEntry {
    /// The listing order of a board: higher score first, then who reached it first, then by id.
    static func listsBefore(_ a: RankedEntry, _ b: RankedEntry) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.reachedAt != b.reachedAt { return a.reachedAt < b.reachedAt }
        return a.subjectID < b.subjectID
    }
}

/// A holder found below its level's requirements at a review: it keeps the level until
/// `atRiskUntil` (the review plus the ladder's grace days), then the review's second phase
/// downgrades it unless it has requalified.
public struct TierWatch: Sendable, Equatable {
    public var holder: LedgerHolder
    public var ladderID: String
    /// The level held when the review found it short.
    public var levelID: String
    /// The level it qualified for at the review.
    public var reviewLevelID: String
    public var reviewAt: Timestamp
    public var atRiskUntil: Timestamp

    public init(holder: LedgerHolder, ladderID: String, levelID: String, reviewLevelID: String, reviewAt: Timestamp, atRiskUntil: Timestamp) {
        self.holder = holder
        self.ladderID = ladderID
        self.levelID = levelID
        self.reviewLevelID = reviewLevelID
        self.reviewAt = reviewAt
        self.atRiskUntil = atRiskUntil
    }
}

/// A level change a review made, kept as history.
public struct TierChange: Sendable, Equatable {
    public var holder: LedgerHolder
    public var ladderID: String
    public var from: String?
    public var to: String
    public var at: Timestamp
    /// `review` for downgrades by the review.
    public var reason: String

    public init(holder: LedgerHolder, ladderID: String, from: String?, to: String, at: Timestamp, reason: String) {
        self.holder = holder
        self.ladderID = ladderID
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("from", .optional(from)), ("to", .string(to)), ("since", .string(at.rfc3339)), ("reason", .string(reason)),
        ]))
    }
}

/// A supplier's scorecard as it stood at the end of a closed period, with its rank then.
public struct ScorecardSnapshot: Sendable, Equatable {
    public var templateID: String
    /// "2026-11": a month in the program time zone.
    public var period: String
    public var supplierID: String
    public var rank: Int
    public var peers: Int
    /// The scorecard's JSON then, with its lower bound.
    public var scorecard: JSONValue

    public init(templateID: String, period: String, supplierID: String, rank: Int, peers: Int, scorecard: JSONValue) {
        self.templateID = templateID
        self.period = period
        self.supplierID = supplierID
        self.rank = rank
        self.peers = peers
        self.scorecard = scorecard
    }

    /// Its standing then: rank, peers and percentile (never another supplier's name or score).
    public var standing: JSONValue {
        .object(JSONObject([
            ("rank", .int(Int64(rank))), ("peers", .int(Int64(peers))),
            ("percentile", Scorecard.rounded(ScorecardRanking.percentile(rank: rank, peers: peers))),
        ]))
    }
}

/// Keeping period snapshots: when a month ends (program time zone), every template's ranking at
/// its last instant is stored, once, so that trends and past standings show what was shown then.
/// Driven by the background refresher; a period missed while the server was down is taken at
/// the next start (the last closed month only: older ones are not made up after the fact).
public enum ScorecardSnapshots {
    public struct Due: Sendable, Equatable {
        public var templateID: String
        public var period: String
        /// The period's end (exclusive): the scorecards are taken at the instant before.
        public var endedAt: Timestamp
    }

    /// The last closed month, named, with its end.
    static func lastClosedMonth(before now: Timestamp, timeZone: ProgramTimeZone) -> (period: String, end: Timestamp) {
        let current = CalendarWindow.containing(now, period: .month, in: timeZone)
        let previous = CalendarWindow.containing(current.start.adding(milliseconds: -1), period: .month, in: timeZone)
        return (LeaderboardPeriodKey.containing(day: timeZone.localDay(of: previous.start), kind: .month).name, current.start)
    }

    /// Templates that existed before the last closed month ended and whose snapshot of it is not taken.
    public static func due(now: Timestamp, timeZone: ProgramTimeZone, in store: any StoreReader) throws -> [Due] {
        let month = lastClosedMonth(before: now, timeZone: timeZone)
        return try Page.all { try store.scorecardTemplates(page: $0) }
            .filter { $0.createdAt < month.end }
            .filter { try !store.scorecardPeriodTaken(templateID: $0.id, period: month.period) }
            .map { Due(templateID: $0.id, period: month.period, endedAt: month.end) }
    }

    /// Takes the snapshot in one write; nil when it was taken meanwhile or the template is gone.
    public static func take(_ due: Due, context: ChangeContext, in store: any StoreWriter) throws -> Int? {
        guard try !store.scorecardPeriodTaken(templateID: due.templateID, period: due.period),
              let template = try store.scorecardTemplate(id: due.templateID) else { return nil }
        let cards = try ScorecardRanking.cards(template, now: due.endedAt.adding(milliseconds: -1), in: store)
        let cardOfSupplier = Dictionary(uniqueKeysWithValues: cards.map { ($0.supplierID, $0) })
        let ranking = ScorecardRanking.ordered(template, cards: cards)
        let snapshots = ranking.entries.map { entry in
            ScorecardSnapshot(
                templateID: template.id, period: due.period, supplierID: entry.supplierID, rank: entry.rank,
                peers: ranking.entries.count, scorecard: ScorecardCommands.document(of: cardOfSupplier[entry.supplierID]!))
        }
        try store.saveScorecardPeriod(
            templateID: template.id, period: due.period, endedAt: due.endedAt, takenAt: context.at, snapshots: snapshots)
        return snapshots.count
    }
}

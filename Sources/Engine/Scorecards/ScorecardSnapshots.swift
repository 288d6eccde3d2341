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
/// Driven by the background refresher. Months missed while the server was down are made up at
/// the next start, back to `missedMonthsMax`, from the interactions as they stand by then (a
/// dispute decided since counts as decided).
public enum ScorecardSnapshots {
    public struct Due: Sendable, Equatable {
        public var templateID: String
        public var period: String
        /// The period's end (exclusive): the scorecards are taken at the instant before.
        public var endedAt: Timestamp
    }

    /// How many closed months back a missed snapshot is still made up.
    public static let missedMonthsMax = 12

    /// The closed month that ends at `end` (the start of a month), named, with its start.
    static func closedMonth(endingAt end: Timestamp, timeZone: ProgramTimeZone) -> (period: String, start: Timestamp) {
        let month = CalendarWindow.containing(end.adding(milliseconds: -1), period: .month, in: timeZone)
        return (LeaderboardPeriodKey.containing(day: timeZone.localDay(of: month.start), kind: .month).name, month.start)
    }

    /// For each template, the closed months since it existed whose snapshot is not taken, newer
    /// than the latest one taken and at most `missedMonthsMax` back, oldest first (so that a run
    /// cut short leaves the newest to do, and the next looks back from there).
    public static func due(now: Timestamp, timeZone: ProgramTimeZone, in store: any StoreReader) throws -> [Due] {
        var due: [Due] = []
        for template in try Page.all({ try store.scorecardTemplates(page: $0) }) {
            var missed: [Due] = []
            var end = CalendarWindow.containing(now, period: .month, in: timeZone).start
            while missed.count < missedMonthsMax, template.createdAt < end {
                let month = closedMonth(endingAt: end, timeZone: timeZone)
                guard try !store.scorecardPeriodTaken(templateID: template.id, period: month.period) else { break }
                missed.append(Due(templateID: template.id, period: month.period, endedAt: end))
                end = month.start
            }
            due += missed.reversed()
        }
        return due
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

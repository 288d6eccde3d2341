/// One board in memory: every subject's day totals, and for the current period one ranked set
/// per partition ("" when the board is not partitioned), kept up to date as totals change.
/// Other periods are ranked on demand from the day totals.
struct LeaderboardBoardState: Sendable {
    /// The latest definition (a new name or description keeps the rankings).
    var board: Leaderboard
    private(set) var subjects: [String: LeaderboardSubjectRecord] = [:]
    private(set) var current: LeaderboardPeriodKey
    private var currentSets: [String: RankedSet] = [:]
    /// Past periods ranked on demand, kept until a change lands in them; a few at most.
    private var pastSets: [LeaderboardPeriodKey: [String: RankedSet]] = [:]
    static let pastSetsMax = 4
    /// Goals only: the subjects whose totals changed since `drainTouched`.
    private(set) var touched: Set<String> = []
    private let tracksTouched: Bool

    init(board: Leaderboard, today: Int64, tracksTouched: Bool = false) {
        self.board = board
        self.tracksTouched = tracksTouched
        self.current = LeaderboardPeriodKey.containing(day: today, kind: board.period)
    }

    var subjectCount: Int { subjects.count }

    func placement(of subjectID: String) -> LeaderboardPlacement? { subjects[subjectID]?.placement }

    /// Adds to a subject's total on `day`; `place` is asked only for a subject not seen before.
    mutating func add(_ amount: Int64, to subjectID: String, day: Int64, atMs: Int64, place: () throws -> LeaderboardPlacement) rethrows {
        if subjects[subjectID] == nil { subjects[subjectID] = LeaderboardSubjectRecord(placement: try place()) }
        subjects[subjectID]!.add(amount, day: day, atMs: atMs)
        if current.contains(day: day) { reindex(subjectID, from: subjects[subjectID]!.placement) }
        for period in pastSets.keys where period.contains(day: day) { pastSets[period] = nil }
        if tracksTouched { touched.insert(subjectID) }
    }

    mutating func drainTouched() -> Set<String> {
        defer { touched = [] }
        return touched
    }

    /// A subject's total in a period (nil when nothing counted in it).
    func total(of subjectID: String, in period: LeaderboardPeriodKey) -> Int64? {
        subjects[subjectID]?.total(in: period)?.total
    }

    /// A subject's partitions, filters or divisor changed (tier, role, organization, member count).
    mutating func replace(placement: LeaderboardPlacement, of subjectID: String) {
        guard let old = subjects[subjectID]?.placement, old != placement else { return }
        subjects[subjectID]!.placement = placement
        reindex(subjectID, from: old)
        pastSets = [:]
    }

    /// Moves the current sets to the period that contains `today`, re-ranking every subject when
    /// the period changed (a new day for a rolling window, a new unit for a calendar period).
    mutating func roll(to today: Int64) {
        let period = LeaderboardPeriodKey.containing(day: today, kind: board.period)
        guard period != current else { return }
        current = period
        currentSets = ranked(in: period)
    }

    /// The ranked sets of a period: the live ones for the current period, computed (and kept for
    /// the next read) otherwise.
    mutating func sets(in period: LeaderboardPeriodKey) -> [String: RankedSet] {
        if period == current { return currentSets }
        if let kept = pastSets[period] { return kept }
        let sets = ranked(in: period)
        if pastSets.count >= Self.pastSetsMax { pastSets.removeAll() }
        pastSets[period] = sets
        return sets
    }

    /// The first `count` entries of each partition in a period, with their ranks and the number
    /// ranked: one pass over the subjects, without ranking them all.
    func top(_ count: Int, in period: LeaderboardPeriodKey) -> [String: (entries: [(RankedEntry, rank: Int)], total: Int)] {
        var tops: [String: (entries: [RankedEntry], total: Int)] = [:]
        for (subjectID, record) in subjects {
            guard let entry = entry(subjectID, record, in: period) else { continue }
            for partition in record.placement.partitions {
                var top = tops[partition] ?? ([], 0)
                top.total += 1
                let index = top.entries.firstIndex { RankedEntry.listsBefore(entry, $0) } ?? top.entries.endIndex
                if index < count {
                    top.entries.insert(entry, at: index)
                    if top.entries.count > count { top.entries.removeLast() }
                }
                tops[partition] = top
            }
        }
        return tops.mapValues { top in
            (top.entries.enumerated().map { index, entry in
                (entry, top.entries.firstIndex { $0.score == entry.score }.map { $0 + 1 } ?? index + 1)
            }, top.total)
        }
    }

    /// Every period of the board before the current one that has any total, newest first, at most `count`.
    func closedPeriods(count: Int) -> [LeaderboardPeriodKey] {
        guard let earliest = subjects.values.compactMap({ $0.days.first?.day }).min() else { return [] }
        var periods: [LeaderboardPeriodKey] = []
        var period = current.previous(kind: board.period)
        while let candidate = period, periods.count < count, candidate.lastDay >= earliest {
            periods.append(candidate)
            period = candidate.previous(kind: board.period)
        }
        return periods
    }

    private func ranked(in period: LeaderboardPeriodKey) -> [String: RankedSet] {
        var sets: [String: RankedSet] = [:]
        for (subjectID, record) in subjects {
            guard let entry = entry(subjectID, record, in: period) else { continue }
            for partition in record.placement.partitions { sets[partition, default: RankedSet()].upsert(entry) }
        }
        return sets
    }

    private mutating func reindex(_ subjectID: String, from old: LeaderboardPlacement) {
        for partition in old.partitions { currentSets[partition]?.remove(subjectID: subjectID) }
        guard let record = subjects[subjectID], let entry = entry(subjectID, record, in: current) else { return }
        for partition in record.placement.partitions { currentSets[partition, default: RankedSet()].upsert(entry) }
    }

    /// The subject's ranked entry in a period: nil when filtered out, unscorable, or without any
    /// total in the period.
    private func entry(_ subjectID: String, _ record: LeaderboardSubjectRecord, in period: LeaderboardPeriodKey) -> RankedEntry? {
        guard record.placement.included, let divisor = record.placement.divisor,
              let (total, reached) = record.total(in: period) else { return nil }
        return RankedEntry(subjectID: subjectID, score: board.metric.score(total: total, divisor: divisor), reachedAt: reached)
    }
}

extension LeaderboardMetric {
    /// The ranked score of a total: the total itself, or scaled to two decimals, an average per
    /// member or a percentage of the target.
    func score(total: Int64, divisor: Int64) -> Int64 {
        if targetAttribute != nil { return total.multipliedClamped(100 * Self.scale) / divisor }
        if aggregate == .average { return total.multipliedClamped(Self.scale) / divisor }
        return total
    }

    /// The score as shown: an integer, or a decimal with two places for scaled metrics.
    func json(score: Int64) -> JSONValue {
        isScaled ? .double(Double(score) / Double(Self.scale)) : .int(score)
    }
}

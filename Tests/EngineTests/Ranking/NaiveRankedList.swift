@testable import Engine

/// The obviously right answer that `RankedSet` is checked against: one array, fully re-sorted on
/// every change, every query a linear scan. Written from the documented order, not from the
/// set's code, so that the two do not share a mistake.
struct NaiveRankedList {
    private(set) var listing: [RankedEntry] = []

    mutating func upsert(_ entry: RankedEntry) {
        listing.removeAll { $0.subjectID == entry.subjectID }
        listing.append(entry)
        listing.sort(by: Self.isListed)
    }

    mutating func remove(subjectID: String) {
        listing.removeAll { $0.subjectID == subjectID }
    }

    func entry(of subjectID: String) -> RankedEntry? {
        listing.first { $0.subjectID == subjectID }
    }

    func position(of subjectID: String) -> Int? {
        listing.firstIndex { $0.subjectID == subjectID }
    }

    func rank(of subjectID: String) -> Int? {
        entry(of: subjectID).map { rank(forScore: $0.score) }
    }

    func rank(forScore score: Int64) -> Int {
        1 + listing.filter { $0.score > score }.count
    }

    func entries(from position: Int, count: Int) -> [RankedEntry] {
        guard position < listing.count else { return [] }
        return Array(listing[position ..< min(position + count, listing.count)])
    }

    /// Score descending, then reachedAt ascending, then subjectID ascending.
    private static func isListed(_ a: RankedEntry, before b: RankedEntry) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.reachedAt != b.reachedAt { return a.reachedAt < b.reachedAt }
        return a.subjectID < b.subjectID
    }
}

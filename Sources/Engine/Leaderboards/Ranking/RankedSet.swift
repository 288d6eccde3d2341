/// Entries in listing order: score descending, then reachedAt ascending, then subjectID ascending.
///
/// Every operation is O(log n) (bar a rare O(n / 512) block reshaping). A million entries take about
/// 115 MB, plus the subject ID strings themselves when longer than 15 bytes (shorter ones are stored
/// inline). Subjects get an integer slot (`SubjectSlots`); the order lives in sorted blocks of integer
/// keys (`SortedKeyBlocks`), so no operation allocates per entry or retains strings except to hand
/// out `RankedEntry` values. A value type with copy-on-write storage: a copy is cheap until
/// one side changes, and then only the touched blocks are copied.
public struct RankedSet: Sendable {
    /// Keys per block before it splits: large enough that the block index stays small and cached,
    /// small enough that shifting a block on insert (up to 12 KB) stays well under a microsecond.
    static let defaultBlockCapacity = 512

    private var subjects = SubjectSlots()
    private var ordered: SortedKeyBlocks

    public init() {
        self.init(blockCapacity: Self.defaultBlockCapacity)
    }

    /// Tests use tiny blocks so that a few hundred subjects split and merge blocks constantly.
    init(blockCapacity: Int) {
        ordered = SortedKeyBlocks(blockCapacity: blockCapacity)
    }

    public var count: Int { ordered.count }

    /// Inserts the subject or replaces its previous entry.
    public mutating func upsert(_ entry: RankedEntry) {
        if let old = subjects.key(of: entry.subjectID) {
            ordered.remove(old, subjectIDs: subjects.subjectIDs)
        }
        let new = subjects.store(subjectID: entry.subjectID, score: entry.score, reachedAt: entry.reachedAt)
        ordered.insert(new, subjectIDs: subjects.subjectIDs)
    }

    public mutating func remove(subjectID: String) {
        // Out of the blocks first: ordering a tie still reads the subject's ID from its slot.
        guard let old = subjects.key(of: subjectID) else { return }
        ordered.remove(old, subjectIDs: subjects.subjectIDs)
        _ = subjects.release(subjectID: subjectID)
    }

    public func entry(of subjectID: String) -> RankedEntry? {
        guard let key = subjects.key(of: subjectID) else { return nil }
        return RankedEntry(subjectID: subjectID, score: key.score, reachedAt: key.reachedAt)
    }

    /// 0-based position in listing order, nil when absent.
    public func position(of subjectID: String) -> Int? {
        guard let key = subjects.key(of: subjectID) else { return nil }
        return ordered.position(of: key, subjectIDs: subjects.subjectIDs)
    }

    /// Competition rank ("1, 2, 2, 4"): 1 + the number of entries with a strictly greater score; nil when absent.
    public func rank(of subjectID: String) -> Int? {
        guard let key = subjects.key(of: subjectID) else { return nil }
        return rank(forScore: key.score)
    }

    /// 1 + the number of entries with a strictly greater score than `score`.
    public func rank(forScore score: Int64) -> Int {
        1 + ordered.countScoring(above: score)
    }

    /// Up to `count` entries starting at 0-based `position` in listing order (empty when position >= count).
    /// A negative position or count is a programmer error.
    public func entries(from position: Int, count: Int) -> [RankedEntry] {
        precondition(position >= 0, "negative position \(position)")
        precondition(count >= 0, "negative count \(count)")
        return ordered.keys(from: position, limit: count).map { key in
            RankedEntry(subjectID: subjects.subjectID(of: key), score: key.score, reachedAt: key.reachedAt)
        }
    }
}

extension RankedSet {
    /// The first broken invariant of the blocks or of their agreement with the subjects' slots,
    /// nil when sound. O(n log n): for tests. Here rather than in a file of its own because it
    /// reads the private storage.
    func invariantViolation() -> String? {
        if let broken = ordered.invariantViolation(subjectIDs: subjects.subjectIDs) { return broken }
        if subjects.count != ordered.count { return "\(subjects.count) subjects, \(ordered.count) keys" }
        for (subjectID, key) in subjects.heldKeys {
            if subjects.subjectID(of: key) != subjectID { return "slot \(key.slot) names another subject than \(subjectID)" }
            if ordered.location(of: key, subjectIDs: subjects.subjectIDs) == nil { return "\(subjectID)'s key is not in the blocks" }
        }
        return nil
    }
}

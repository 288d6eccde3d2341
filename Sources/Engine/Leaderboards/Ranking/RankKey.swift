/// What the sorted blocks hold for one entry: the two numbers that decide the order nearly always,
/// and the subject's slot in `SubjectSlots` instead of its ID. Plain integers only (24 bytes, no
/// reference), so that shifting, splitting and copying blocks never touches a reference count and a
/// million keys are one flat allocation per block rather than a million strings.
struct RankKey: Sendable, Equatable {
    var score: Int64
    var reachedAt: Int64
    var slot: Int32

    /// Listing order: score descending, then reachedAt ascending, then subjectID ascending.
    /// The subject IDs are read only on a full tie of score and reachedAt, which is rare on a
    /// real board, so the common comparison is two integer compares.
    @inline(__always)
    func isListed(before other: RankKey, subjectIDs: [String]) -> Bool {
        if score != other.score { return score > other.score }
        if reachedAt != other.reachedAt { return reachedAt < other.reachedAt }
        if slot == other.slot { return false }
        return subjectIDs[Int(slot)] < subjectIDs[Int(other.slot)]
    }
}
